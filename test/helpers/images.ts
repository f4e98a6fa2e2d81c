/**
 * Test images made by the tests themselves: a busybox root filesystem from Debian's
 * busybox-static, and image archives (docker-archive or OCI layout, plain or gzip) that
 * `tsorch image load` accepts. Also builds arbitrary layers from entry lists, for tests of
 * whiteouts and hostile tarballs.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** Where Debian's busybox-static installs its binary. */
export const busyboxPath = '/usr/bin/busybox';

/**
 * Writes into `dir` a build context whose Dockerfile makes a busybox image (the binary and its
 * applet links in /bin) from {@link busyboxPath}.
 */
export async function writeBusyboxBuildContext(dir: string): Promise<void> {
  await fs.copyFile(busyboxPath, path.join(dir, 'busybox'));
  await fs.writeFile(
    path.join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
  );
}

/** One entry of a test layer built by {@link tarFromEntries}. */
export interface TestTarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'fifo';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
  devmajor?: number;
  devminor?: number;
  /** PAX records, e.g. `{ 'SCHILY.xattr.user.test': 'value' }`. */
  pax?: Record<string, string>;
}

const fixedMtime = new Date('2024-01-01T00:00:00Z');

/** Packs entries, in order, into an uncompressed tar. */
export async function tarFromEntries(entries: TestTarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const content = typeof e.content === 'string' ? Buffer.from(e.content) : e.content;
    const header = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : type === 'symlink' ? 0o777 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      mtime: e.mtime ?? fixedMtime,
      ...(e.linkname === undefined ? {} : { linkname: e.linkname }),
      ...(e.devmajor === undefined ? {} : { devmajor: e.devmajor }),
      ...(e.devminor === undefined ? {} : { devminor: e.devminor }),
      ...(e.pax === undefined ? {} : { pax: e.pax }),
    };
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null): void => {
        if (err) reject(err);
        else resolve();
      };
      if (type === 'file') pack.entry(header, content ?? Buffer.alloc(0), cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Packs a directory tree (sorted, relative names, symlinks kept) into an uncompressed tar. */
export async function tarFromDir(dir: string): Promise<Buffer> {
  const entries: TestTarEntry[] = [];
  async function walk(rel: string): Promise<void> {
    const names = (await fs.readdir(path.join(dir, rel))).sort();
    for (const name of names) {
      const relName = rel === '' ? name : `${rel}/${name}`;
      const full = path.join(dir, relName);
      const st = await fs.lstat(full);
      const base = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: fixedMtime };
      if (st.isDirectory()) {
        entries.push({ ...base, name: `${relName}/`, type: 'directory' });
        await walk(relName);
      } else if (st.isSymbolicLink()) {
        entries.push({
          ...base,
          name: relName,
          type: 'symlink',
          linkname: await fs.readlink(full),
        });
      } else if (st.isFile()) {
        entries.push({ ...base, name: relName, content: await fs.readFile(full) });
      }
    }
  }
  await walk('');
  return tarFromEntries(entries);
}

/** Applets linked in /bin of the test rootfs (besides those, `busybox APPLET` works). */
const applets = [
  'sh', 'ls', 'cat', 'echo', 'sleep', 'true', 'false', 'env', 'id', 'ps', 'kill', 'mkdir',
  'rm', 'touch', 'test', 'wget', 'httpd', 'nc', 'hostname', 'ip', 'ping', 'nslookup', 'pwd',
  'grep', 'head', 'tail', 'wc', 'df', 'mount', 'date', 'stat', 'whoami', 'top', 'yes', 'dd',
  'uname', 'printf', 'seq', 'find', 'readlink', 'sed', 'awk', 'chmod', 'cp', 'mv', 'ln',
  'timeout', 'tee', 'xargs', 'free', 'ifconfig', 'route', 'vi', 'less', 'tar', 'gzip',
]; // prettier-ignore

/**
 * Builds a busybox root filesystem in `dir` (created if needed): /usr/bin/busybox from Debian's
 * busybox-static, applet symlinks in /bin, /etc/passwd and /etc/group with root and nobody,
 * and empty /tmp, /proc, /sys, /dev, /root, /var, /home.
 */
export async function buildBusyboxRootfs(dir: string): Promise<void> {
  await fs.mkdir(path.join(dir, 'usr/bin'), { recursive: true });
  await fs.copyFile(busyboxPath, path.join(dir, 'usr/bin/busybox'));
  await fs.chmod(path.join(dir, 'usr/bin/busybox'), 0o755);
  await fs.mkdir(path.join(dir, 'bin'), { recursive: true });
  for (const applet of applets) {
    await fs.symlink('/usr/bin/busybox', path.join(dir, 'bin', applet)).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    });
  }
  for (const d of ['etc', 'tmp', 'proc', 'sys', 'dev', 'root', 'var', 'home']) {
    await fs.mkdir(path.join(dir, d), { recursive: true });
  }
  await fs.chmod(path.join(dir, 'tmp'), 0o1777);
  await fs.writeFile(
    path.join(dir, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
  );
  await fs.writeFile(path.join(dir, 'etc/group'), 'root:x:0:\nnobody:x:65534:\n');
}

/** Options of {@link writeImageArchive}. */
export interface ImageArchiveOptions {
  format: 'docker' | 'oci';
  /** `name:tag` recorded in the archive, e.g. `busybox:test`. */
  tag?: string;
  /** Gzip the whole archive. */
  gzip?: boolean;
  /** Gzip each layer inside the archive. */
  gzipLayers?: boolean;
  /** Overrides of the image config's `config` (Cmd, Env, ...). */
  config?: Record<string, unknown>;
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Information about an archive written by {@link writeImageArchive}. */
export interface WrittenImage {
  /** The image ID: `sha256:` + the config's digest. */
  id: string;
  /** The manifest digest (OCI format only; docker archives carry no manifest). */
  manifestDigest: string;
  diffIds: string[];
}

/**
 * Writes an image archive of the given uncompressed layer tars (lowest first) to `file`.
 *
 * The docker format is `docker save`'s (manifest.json, config JSON, `<id>/layer.tar`); the OCI
 * format is an OCI image layout (oci-layout, index.json, blobs/sha256) with a ref-name annotation.
 */
export async function writeImageArchive(
  file: string,
  layers: Buffer[],
  options: ImageArchiveOptions,
): Promise<WrittenImage> {
  const diffIds = layers.map((l) => `sha256:${sha256(l)}`);
  const imageConfig = {
    architecture: 'amd64',
    os: 'linux',
    created: fixedMtime.toISOString(),
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['sh'],
      ...options.config,
    },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map(() => ({ created: fixedMtime.toISOString(), created_by: 'test' })),
  };
  const configJson = JSON.stringify(imageConfig);
  const configHex = sha256(configJson);
  const blobs = layers.map((l) => (options.gzipLayers === true ? gzipSync(l) : l));
  const files: { name: string; data: Buffer | string }[] = [];
  let manifestDigest = '';
  if (options.format === 'docker') {
    const layerPaths = blobs.map((_, i) => `${sha256(diffIds[i] ?? '')}/layer.tar`);
    files.push({ name: `${configHex}.json`, data: configJson });
    blobs.forEach((b, i) => files.push({ name: layerPaths[i] ?? '', data: b }));
    files.push({
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: `${configHex}.json`,
          RepoTags: options.tag === undefined ? null : [options.tag],
          Layers: layerPaths,
        },
      ]),
    });
  } else {
    const layerMediaType =
      options.gzipLayers === true
        ? 'application/vnd.oci.image.layer.v1.tar+gzip'
        : 'application/vnd.oci.image.layer.v1.tar';
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${configHex}`,
        size: Buffer.byteLength(configJson),
      },
      layers: blobs.map((b) => ({
        mediaType: layerMediaType,
        digest: `sha256:${sha256(b)}`,
        size: b.length,
      })),
    });
    manifestDigest = `sha256:${sha256(manifest)}`;
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest,
          size: Buffer.byteLength(manifest),
          platform: { architecture: 'amd64', os: 'linux' },
          ...(options.tag === undefined
            ? {}
            : {
                annotations: {
                  'io.containerd.image.name': options.tag,
                  'org.opencontainers.image.ref.name': options.tag.split(':').pop(),
                },
              }),
        },
      ],
    };
    files.push({ name: 'oci-layout', data: JSON.stringify({ imageLayoutVersion: '1.0.0' }) });
    files.push({ name: 'index.json', data: JSON.stringify(index) });
    files.push({ name: `blobs/sha256/${configHex}`, data: configJson });
    files.push({ name: `blobs/sha256/${manifestDigest.slice(7)}`, data: manifest });
    for (const b of blobs) files.push({ name: `blobs/sha256/${sha256(b)}`, data: b });
  }
  const outer = await tarFromEntries(
    files.map((f) => ({
      name: f.name,
      content: typeof f.data === 'string' ? Buffer.from(f.data) : f.data,
    })),
  );
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, options.gzip === true ? gzipSync(outer) : outer);
  return { id: `sha256:${configHex}`, manifestDigest, diffIds };
}

/** Options of {@link writeBusyboxArchive}. */
export type BusyboxArchiveOptions = Omit<ImageArchiveOptions, 'tag'> & { tag?: string };

/**
 * Writes a one-layer busybox image archive (default tag `busybox:test`) to `file`, loadable by
 * `tsorch image load -i FILE`. Its default command is `sh`.
 */
export async function writeBusyboxArchive(
  file: string,
  options: BusyboxArchiveOptions,
): Promise<WrittenImage> {
  const rootfs = await fs.mkdtemp(path.join(path.dirname(file), '.busybox-rootfs-'));
  try {
    await buildBusyboxRootfs(rootfs);
    const layer = await tarFromDir(rootfs);
    return await writeImageArchive(file, [layer], { tag: 'busybox:test', ...options });
  } finally {
    await fs.rm(rootfs, { recursive: true, force: true });
  }
}

/** A docker-registry process started by {@link startRegistry}. */
export interface TestRegistry {
  /** `127.0.0.1:<port>`, usable as the registry part of references. */
  host: string;
  pid: number;
  /** Where the registry stores its data. */
  storageDir: string;
  stop(): Promise<void>;
}

/** Options of {@link startRegistry}. */
export interface StartRegistryOptions {
  /** Basic auth (htpasswd, bcrypt) with this user. */
  auth?: { username: string; password: string };
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        resolve(typeof addr === 'object' && addr !== null ? addr.port : 0);
      });
    });
  });
}

/**
 * Starts Debian's docker-registry on 127.0.0.1 with storage under `dir`, optionally with
 * htpasswd basic auth; waits (bounded) until it answers /v2/. Push `stop` on a cleanup stack.
 */
export async function startRegistry(
  dir: string,
  options: StartRegistryOptions = {},
): Promise<TestRegistry> {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const storageDir = path.join(dir, 'registry-data');
  await fs.mkdir(storageDir, { recursive: true });
  const lines = [
    'version: 0.1',
    'log: { level: error, accesslog: { disabled: true } }',
    `storage: { filesystem: { rootdirectory: ${JSON.stringify(storageDir)} }, delete: { enabled: true } }`,
    `http: { addr: "127.0.0.1:${port}" }`,
  ];
  if (options.auth !== undefined) {
    const bcrypt = (await import('bcryptjs')).default;
    const htpasswd = path.join(dir, 'htpasswd');
    const hash = bcrypt.hashSync(options.auth.password, 4);
    await fs.writeFile(htpasswd, `${options.auth.username}:${hash}\n`);
    lines.push(`auth: { htpasswd: { realm: test-registry, path: ${JSON.stringify(htpasswd)} } }`);
  }
  const config = path.join(dir, 'registry.yml');
  await fs.writeFile(config, `${lines.join('\n')}\n`);
  const child = spawn('/usr/bin/docker-registry', ['serve', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v2/`);
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not start on port ${port}: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { host: `127.0.0.1:${port}`, pid, storageDir, stop };
}

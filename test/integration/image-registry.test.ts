import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { ImageService } from '../../src/image/image-service.js';
import { pullImage } from '../../src/image/registry/pull.js';
import { pushImage } from '../../src/image/registry/push.js';
import type { ProgressEvent } from '../../src/image/registry/progress.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import {
  startRegistry,
  tarFromEntries,
  writeBusyboxArchive,
  writeImageArchive,
  type TestRegistry,
} from '../helpers/images.js';

/** Behaviours of the test proxy in front of the registry. */
interface ProxyMode {
  /** Cut the first response of each blob GET after this many bytes. */
  breakBlobAfterBytes?: number;
  /** Flip a byte in blob responses. */
  corruptBlobs?: boolean;
  /** Demand Bearer tokens from the proxy's /token endpoint (user:password). */
  bearer?: { username: string; password: string };
}

interface Proxy {
  host: string;
  mode: ProxyMode;
  /** Requests seen: method and path (with query). */
  log: string[];
  tokenScopes: string[][];
}

/** An HTTP proxy on 127.0.0.1 in front of `target` that can break, corrupt or demand tokens. */
async function startProxy(target: string, cleanup: ReturnType<typeof useCleanup>): Promise<Proxy> {
  const proxy: Proxy = { host: '', mode: {}, log: [], tokenScopes: [] };
  const broken = new Set<string>();
  const tokens = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    proxy.log.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const bearer = proxy.mode.bearer;
    if (url.pathname === '/token') {
      const want =
        bearer === undefined
          ? ''
          : `Basic ${Buffer.from(`${bearer.username}:${bearer.password}`).toString('base64')}`;
      if (req.headers.authorization !== want) {
        res.writeHead(401).end('{"details":"bad credentials"}');
        return;
      }
      proxy.tokenScopes.push(url.searchParams.getAll('scope'));
      const token = randomBytes(8).toString('hex');
      tokens.add(token);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
      return;
    }
    if (
      bearer !== undefined &&
      !tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))
    ) {
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${proxy.host}/token",service="test-registry",scope="repository:x:pull"`,
          'content-type': 'application/json',
        })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      return;
    }
    const headers = { ...req.headers, host: target };
    delete headers.authorization;
    const up = http.request(
      {
        host: target.split(':')[0],
        port: Number(target.split(':')[1]),
        method: req.method ?? 'GET',
        path: req.url,
        headers,
      },
      (upRes) => {
        const isBlobGet = req.method === 'GET' && /\/blobs\/sha256:/.test(url.pathname);
        const location = upRes.headers.location?.replace(
          `http://${target}`,
          `http://${proxy.host}`,
        );
        res.writeHead(upRes.statusCode ?? 502, {
          ...upRes.headers,
          ...(location === undefined ? {} : { location }),
        });
        let sent = 0;
        upRes.on('data', (chunk: Buffer) => {
          let out = chunk;
          if (isBlobGet && proxy.mode.corruptBlobs === true && sent === 0 && out.length > 10) {
            out = Buffer.from(out);
            out[10] = (out[10] ?? 0) ^ 0xff;
          }
          const limit = proxy.mode.breakBlobAfterBytes;
          if (
            isBlobGet &&
            limit !== undefined &&
            !broken.has(url.pathname) &&
            sent + out.length > limit
          ) {
            broken.add(url.pathname);
            res.write(out.subarray(0, Math.max(0, limit - sent)));
            res.socket?.destroy();
            upRes.destroy();
            return;
          }
          sent += out.length;
          res.write(out);
        });
        upRes.on('end', () => res.end());
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanup.push(() => new Promise((r) => server.close(r)));
  cleanup.push(() => server.closeAllConnections());
  return proxy;
}

function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

describe('registry pull and push (docker-registry on 127.0.0.1)', () => {
  const cleanup = useCleanup();
  let dir: string;
  let reg: TestRegistry;

  async function store(name: string): Promise<ImageService> {
    return ImageService.open(path.join(dir, name, 'image'));
  }

  async function loadBusybox(svc: ImageService, tag: string, layers = 1): Promise<void> {
    const file = path.join(dir, `${randomBytes(4).toString('hex')}.tar`);
    if (layers === 1) {
      await writeBusyboxArchive(file, { format: 'docker', tag });
    } else {
      const extra = await Promise.all(
        Array.from({ length: layers }, (_, i) =>
          tarFromEntries([{ name: `layer${i}/data`, content: randomBytes(300_000) }]),
        ),
      );
      await writeImageArchive(file, extra, { format: 'oci', tag, gzipLayers: true });
    }
    await svc.load(file);
  }

  beforeEach(async (ctx: TestContext) => {
    requireRoot(ctx);
    requireTool(ctx, 'docker-registry', 'setfattr');
    dir = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-imgreg-'));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    reg = await startRegistry(dir);
    cleanup.push(() => reg.stop());
  });

  it('pushes and pulls a multi-layer image, keeping the manifest digest, and skips blobs the registry has', async () => {
    const a = await store('a');
    const ref = `${reg.host}/app/multi:v1`;
    await loadBusybox(a, ref, 4);
    const events: ProgressEvent[] = [];
    const pushed = await pushImage(a, ref, { onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.status === 'Pushed')).toHaveLength(4);
    const again: ProgressEvent[] = [];
    await pushImage(a, ref, { onProgress: (e) => again.push(e) });
    expect(again.filter((e) => e.status === 'Layer already exists')).toHaveLength(4);
    const b = await store('b');
    const pulled = await pullImage(b, ref);
    expect(pulled.id).toBe(pushed.image.id);
    expect(pulled.manifestDigest).toBe(pushed.digest);
    expect(pulled.repoDigests).toEqual([`${reg.host}/app/multi@${pushed.digest}`]);
    expect(await b.layers.list()).toHaveLength(4);
    // Pull by digest too.
    const c = await store('c');
    expect((await pullImage(c, `${reg.host}/app/multi@${pushed.digest}`)).id).toBe(pushed.image.id);
  });

  it('mounts blobs across repositories and uploads large blobs in chunks', async () => {
    const a = await store('a');
    const ref = `${reg.host}/one/bb:1`;
    await loadBusybox(a, ref);
    const proxy = await startProxy(reg.host, cleanup);
    const viaProxy = `${proxy.host}/one/bb:1`;
    await a.tag(ref, viaProxy);
    await pushImage(a, viaProxy, { chunkBytes: 512 * 1024 });
    const patches = proxy.log.filter((l) => l.startsWith('PATCH '));
    expect(patches.length).toBeGreaterThanOrEqual(4);
    await a.tag(ref, `${proxy.host}/two/bb:1`);
    const events: ProgressEvent[] = [];
    await pushImage(a, `${proxy.host}/two/bb:1`, { onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.status)).toContain('Mounted from one/bb');
    expect(proxy.log.some((l) => l.startsWith('POST /v2/two/bb/blobs/uploads/?mount=sha256'))).toBe(
      true,
    );
    const b = await store('b');
    expect((await pullImage(b, `${reg.host}/two/bb:1`)).repoTags).toEqual([`${reg.host}/two/bb:1`]);
  });

  it('mounts the layers another image shares from the repository they were pushed to, after a restart too', async () => {
    const proxy = await startProxy(reg.host, cleanup);
    const base = await Promise.all(
      [0, 1].map((i) => tarFromEntries([{ name: `base${i}`, content: randomBytes(200_000) }])),
    );
    const top = await tarFromEntries([{ name: 'top', content: randomBytes(100_000) }]);
    const a = await store('a');
    const fileA = path.join(dir, 'a.tar');
    const fileB = path.join(dir, 'b.tar');
    await writeImageArchive(fileA, base, { format: 'oci', tag: `${proxy.host}/one/base:1` });
    await writeImageArchive(fileB, [...base, top], {
      format: 'oci',
      tag: `${proxy.host}/two/app:1`,
    });
    await a.load(fileA);
    await a.load(fileB);
    await pushImage(a, `${proxy.host}/one/base:1`);
    proxy.log.length = 0;
    const events: ProgressEvent[] = [];
    await pushImage(a, `${proxy.host}/two/app:1`, { onProgress: (e) => events.push(e) });
    const image = await a.resolve(`${proxy.host}/two/app:1`);
    const [base0, base1, topDigest] = image.layers;
    for (const d of [base0, base1]) {
      expect(proxy.log).toContain(
        `POST /v2/two/app/blobs/uploads/?mount=${encodeURIComponent(d ?? '')}&from=one%2Fbase`,
      );
    }
    expect(events.filter((e) => e.status === 'Mounted from one/base')).toHaveLength(2);
    expect(events.filter((e) => e.status === 'Pushed')).toHaveLength(1);
    // Uploads end with a PUT naming the blob's digest (its hex part survives URL encoding).
    const hex = (d: string | undefined): string => (d ?? '?').slice('sha256:'.length);
    const uploads = proxy.log.filter((l) => /^(PUT|PATCH) .*\/blobs\/uploads\//.test(l));
    expect(uploads.some((l) => l.includes(hex(topDigest)))).toBe(true);
    expect(uploads.some((l) => l.includes(hex(base0)) || l.includes(hex(base1)))).toBe(false);
    // The sources are kept on disk: a reopened store mounts too.
    const again = await ImageService.open(path.join(dir, 'a', 'image'));
    await again.tag(`${proxy.host}/two/app:1`, `${proxy.host}/three/app:1`);
    const later: ProgressEvent[] = [];
    await pushImage(again, `${proxy.host}/three/app:1`, { onProgress: (e) => later.push(e) });
    expect(later.filter((e) => e.status.startsWith('Mounted from '))).toHaveLength(3);
  });

  it('resumes a broken layer download with a Range request', async () => {
    const a = await store('a');
    await loadBusybox(a, `${reg.host}/r/bb:1`);
    await pushImage(a, `${reg.host}/r/bb:1`);
    const proxy = await startProxy(reg.host, cleanup);
    proxy.mode.breakBlobAfterBytes = 700_000;
    const b = await store('b');
    const img = await pullImage(b, `${proxy.host}/r/bb:1`);
    const rangeGets = proxy.log.filter((l) => l.startsWith('GET /v2/r/bb/blobs/'));
    // Config + layer, and the layer once more after the break.
    expect(rangeGets.length).toBe(3);
    await b.prepareRootfs('c', img.id);
    cleanup.push(() => b.removeRootfs('c'));
    const root = await b.mountRootfs('c');
    expect((await fs.stat(path.join(root, 'usr/bin/busybox'))).size).toBeGreaterThan(1_000_000);
  });

  it('detects a blob corrupted in transit and keeps nothing of it', async () => {
    const a = await store('a');
    await loadBusybox(a, `${reg.host}/c/bb:1`);
    await pushImage(a, `${reg.host}/c/bb:1`);
    const proxy = await startProxy(reg.host, cleanup);
    proxy.mode.corruptBlobs = true;
    const b = await store('b');
    await expect(pullImage(b, `${proxy.host}/c/bb:1`)).rejects.toMatchObject({
      code: 'IMAGE_DIGEST_MISMATCH',
    });
    expect(await b.content.list()).toEqual([]);
    expect(await b.list()).toEqual([]);
  });

  it('authenticates with Bearer tokens from the realm, with the right scopes', async () => {
    const a = await store('a');
    const proxy = await startProxy(reg.host, cleanup);
    proxy.mode.bearer = { username: 'bob', password: 'pw' };
    const ref = `${proxy.host}/t/bb:1`;
    await loadBusybox(a, ref);
    await expect(pushImage(a, ref)).rejects.toMatchObject({ code: 'IMAGE_AUTH' });
    await expect(
      pushImage(a, ref, { credentials: { username: 'bob', password: 'nope' } }),
    ).rejects.toMatchObject({ code: 'IMAGE_AUTH' });
    await pushImage(a, ref, { credentials: { username: 'bob', password: 'pw' } });
    expect(proxy.tokenScopes).toContainEqual(['repository:t/bb:pull,push']);
    const b = await store('b');
    await pullImage(b, ref, { credentials: { username: 'bob', password: 'pw' } });
    expect(proxy.tokenScopes).toContainEqual(['repository:t/bb:pull']);
  });

  it('selects the platform from an OCI index and refuses a platform it lacks', async () => {
    const a = await store('a');
    const ref = `${reg.host}/multi/bb:1`;
    await loadBusybox(a, ref);
    const pushed = await pushImage(a, ref);
    const manifest = await a.content.readVerified(pushed.digest, 1 << 20);
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: pushed.digest,
          size: manifest.length,
          platform: { os: 'linux', architecture: 'riscv64' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: pushed.digest,
          size: manifest.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
      ],
    });
    const res = await fetch(`http://${reg.host}/v2/multi/bb/manifests/idx`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
      body: index,
    });
    expect(res.status).toBe(201);
    const b = await store('b');
    const img = await pullImage(b, `${reg.host}/multi/bb:idx`, {
      platform: { os: 'linux', architecture: 'amd64' },
    });
    expect(img.manifestDigest).toBe(pushed.digest);
    expect(img.repoDigests).toEqual([`${reg.host}/multi/bb@${sha256(index)}`]);
    await expect(
      pullImage(b, `${reg.host}/multi/bb:idx`, {
        platform: { os: 'linux', architecture: 'arm64' },
      }),
    ).rejects.toMatchObject({
      code: 'IMAGE_NOT_FOUND',
      message: expect.stringContaining('No manifest for platform "linux/arm64"') as unknown,
    });
  });

  it('pulls Docker schema 2 manifests and manifest lists', async () => {
    const a = await store('a');
    const ref = `${reg.host}/dock/bb:1`;
    await loadBusybox(a, ref);
    const pushed = await pushImage(a, ref);
    const oci = JSON.parse((await a.content.readVerified(pushed.digest, 1 << 20)).toString()) as {
      config: { digest: string; size: number };
      layers: { digest: string; size: number }[];
    };
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', ...oci.config },
      layers: oci.layers.map((l) => ({
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        ...l,
      })),
    });
    const put = async (tag: string, mediaType: string, body: string): Promise<void> => {
      const res = await fetch(`http://${reg.host}/v2/dock/bb/manifests/${tag}`, {
        method: 'PUT',
        headers: { 'content-type': mediaType },
        body,
      });
      expect(res.status, await res.text()).toBe(201);
    };
    await put('docker', 'application/vnd.docker.distribution.manifest.v2+json', manifest);
    const list = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [
        {
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          digest: sha256(manifest),
          size: manifest.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
      ],
    });
    await put('list', 'application/vnd.docker.distribution.manifest.list.v2+json', list);
    const b = await store('b');
    const single = await pullImage(b, `${reg.host}/dock/bb:docker`);
    expect([single.id, single.manifestDigest, single.manifestMediaType]).toEqual([
      pushed.image.id,
      sha256(manifest),
      'application/vnd.docker.distribution.manifest.v2+json',
    ]);
    const viaList = await pullImage(b, `${reg.host}/dock/bb:list`, {
      platform: { os: 'linux', architecture: 'amd64' },
    });
    expect(viaList.repoDigests).toContain(`${reg.host}/dock/bb@${sha256(list)}`);
    // And it pushes back with its Docker media type and digest unchanged.
    await b.tag(`${reg.host}/dock/bb:docker`, `${reg.host}/dock/again:1`);
    expect((await pushImage(b, `${reg.host}/dock/again:1`)).digest).toBe(sha256(manifest));
  });

  it('lets two concurrent pulls of one image share blobs without corrupting them', async () => {
    const a = await store('a');
    const ref = `${reg.host}/par/bb:1`;
    await loadBusybox(a, ref, 3);
    await pushImage(a, ref);
    const b = await store('b');
    const [x, y] = await Promise.all([pullImage(b, ref), pullImage(b, ref)]);
    expect(x.id).toBe(y.id);
    for (const d of await b.content.list()) {
      const data = await fs.readFile(b.content.path(d));
      expect(sha256(data)).toBe(d);
    }
    expect(await b.layers.list()).toHaveLength(3);
  });

  it('reports missing images and unreachable registries clearly', async () => {
    const b = await store('b');
    await expect(pullImage(b, `${reg.host}/nope/x:1`)).rejects.toMatchObject({
      code: 'IMAGE_NOT_FOUND',
    });
    await reg.stop();
    await expect(pullImage(b, `${reg.host}/nope/x:1`)).rejects.toMatchObject({
      code: 'IMAGE_REGISTRY',
      message: expect.stringMatching(/^Cannot reach registry "127\.0\.0\.1:\d+"/) as unknown,
    });
  });
});

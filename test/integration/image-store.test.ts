import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { ImageService } from '../../src/image/image-service.js';
import { chainIds } from '../../src/image/layers.js';
import { readUserFiles } from '../../src/image/user-files.js';
import { hasCode } from '../../src/util/errors.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import {
  buildBusyboxRootfs,
  tarFromDir,
  tarFromEntries,
  writeBusyboxArchive,
  writeImageArchive,
} from '../helpers/images.js';

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error> {
  let err: unknown;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  expect(err, `expected an error with code ${code}`).toBeInstanceOf(Error);
  expect((err as { code?: string }).code, (err as Error).message).toBe(code);
  return err as Error;
}

describe('image store (load, save, layers, overlay root filesystems)', () => {
  const cleanup = useCleanup();
  let dir: string;
  let svc: ImageService;

  async function setup(ctx: TestContext): Promise<void> {
    requireRoot(ctx);
    requireTool(ctx, 'setfattr', 'mount', 'busybox');
    dir = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-image-'));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    svc = await ImageService.open(path.join(dir, 'root', 'image'));
  }

  /** Prepares and mounts `key`, registering the undo, and returns the mount point. */
  async function mount(key: string, ref: string): Promise<string> {
    await svc.prepareRootfs(key, ref);
    cleanup.push(() => svc.removeRootfs(key));
    return svc.mountRootfs(key);
  }

  beforeEach((ctx) => setup(ctx));

  it.each([
    { format: 'docker' as const, gzip: false, gzipLayers: false },
    { format: 'docker' as const, gzip: true, gzipLayers: false },
    { format: 'oci' as const, gzip: false, gzipLayers: true },
    { format: 'oci' as const, gzip: true, gzipLayers: false },
  ])(
    'loads a $format archive (gzip $gzip, gzip layers $gzipLayers) and runs busybox from it',
    async (opts) => {
      const file = path.join(dir, 'bb.tar');
      const written = await writeBusyboxArchive(file, { ...opts, tag: 'busybox:test' });
      const loaded = await svc.load(file);
      expect(loaded.map((i) => i.id)).toEqual([written.id]);
      const img = await svc.resolve('busybox:test');
      expect(img.repoTags).toEqual(['busybox:test']);
      expect(img.config.Cmd).toEqual(['sh']);
      expect((await svc.resolve(written.id.slice(7, 19))).id).toBe(written.id);
      const root = await mount('c1', 'busybox:test');
      const out = execFileSync('chroot', [root, '/bin/sh', '-c', 'echo hello; id -u']).toString();
      expect(out).toBe('hello\n0\n');
      // Writes land in the container's upper directory, not in the shared layer.
      await fs.writeFile(path.join(root, 'etc/written'), 'x');
      const root2 = await mount('c2', 'busybox:test');
      await expect(fs.stat(path.join(root2, 'etc/written'))).rejects.toThrow();
      // Idempotent mount; unmount leaves the upper directory for a later mount.
      expect(await svc.mountRootfs('c1')).toBe(root);
      await svc.unmountRootfs('c1');
      expect(await svc.mountRootfs('c1')).toBe(root);
      expect(await fs.readFile(path.join(root, 'etc/written'), 'utf8')).toBe('x');
    },
  );

  it('loads an old-style docker archive where a shared layer is a symlink to its first copy', async () => {
    const layer = await tarFromEntries([{ name: 'hello.txt', content: 'hi' }]);
    const diffId = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
    const configs = ['one', 'two'].map((n) =>
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: { Cmd: [n] },
        rootfs: { type: 'layers', diff_ids: [diffId] },
      }),
    );
    const file = path.join(dir, 'old.tar');
    await fs.writeFile(
      file,
      await tarFromEntries([
        { name: 'aaa/layer.tar', content: layer },
        { name: 'bbb/layer.tar', type: 'symlink', linkname: '../aaa/layer.tar' },
        { name: 'one.json', content: configs[0]! },
        { name: 'two.json', content: configs[1]! },
        {
          name: 'manifest.json',
          content: JSON.stringify([
            { Config: 'one.json', RepoTags: ['old:one'], Layers: ['aaa/layer.tar'] },
            { Config: 'two.json', RepoTags: ['old:two'], Layers: ['bbb/layer.tar'] },
          ]),
        },
      ]),
    );
    const loaded = await svc.load(file);
    expect(loaded.map((i) => i.loadedTags)).toEqual([['old:one'], ['old:two']]);
    expect((await svc.resolve('old:two')).config.Cmd).toEqual(['two']);
    const root = await mount('old', 'old:two');
    expect(await fs.readFile(path.join(root, 'hello.txt'), 'utf8')).toBe('hi');
  });

  it('stacks 150 layers in one mount and refuses more than the limit before unpacking', async () => {
    const layers = await Promise.all(
      Array.from({ length: 201 }, (_, i) =>
        tarFromEntries([{ name: `l/${i}`, content: String(i) }]),
      ),
    );
    const many = path.join(dir, 'many.tar');
    await writeImageArchive(many, layers.slice(0, 150), { format: 'oci', tag: 'many:150' });
    await svc.load(many);
    const root = await mount('many', 'many:150');
    expect(await fs.readdir(path.join(root, 'l'))).toHaveLength(150);
    const tooMany = path.join(dir, 'too-many.tar');
    await writeImageArchive(tooMany, layers, { format: 'oci', tag: 'many:201' });
    await svc.load(tooMany);
    const before = (await svc.layers.list()).length;
    const err = await expectCode(svc.prepareRootfs('too-many', 'many:201'), 'IMAGE_INVALID');
    expect(err.message).toMatch(/has 201 layers: at most 200 can be stacked/);
    expect((await svc.layers.list()).length).toBe(before);
  });

  it('takes tags from OCI annotations, and no tag from a bare ref name', async () => {
    const layer = await tarFromEntries([{ name: 'f', content: 'f' }]);
    const file = path.join(dir, 'oci.tar');
    await writeImageArchive(file, [layer], { format: 'oci' });
    const x = path.join(dir, 'x');
    await fs.mkdir(x);
    execFileSync('tar', ['-xf', file, '-C', x]);
    const index = JSON.parse(await fs.readFile(path.join(x, 'index.json'), 'utf8')) as {
      manifests: { annotations?: Record<string, string> }[];
    };
    index.manifests[0]!.annotations = { 'org.opencontainers.image.ref.name': 'latest' };
    await fs.writeFile(path.join(x, 'index.json'), JSON.stringify(index));
    execFileSync('tar', ['-cf', file, '-C', x, '.']);
    const [bare] = await svc.load(file);
    expect(bare?.loadedTags).toEqual([]);
    index.manifests[0]!.annotations = {
      'io.containerd.image.name': 'docker.io/library/tool:2',
      'org.opencontainers.image.ref.name': '2',
    };
    await fs.writeFile(path.join(x, 'index.json'), JSON.stringify(index));
    execFileSync('tar', ['-cf', file, '-C', x, '.']);
    const [named] = await svc.load(file);
    expect(named?.loadedTags).toEqual(['tool:2']);
  });

  it('survives a reopen (new service object over the same root) with images and snapshots', async () => {
    const file = path.join(dir, 'bb.tar');
    await writeBusyboxArchive(file, { format: 'docker' });
    await svc.load(file);
    await mount('keep', 'busybox:test');
    const again = await ImageService.open(path.join(dir, 'root', 'image'));
    expect((await again.resolve('busybox:test')).repoTags).toEqual(['busybox:test']);
    expect(await again.mountRootfs('keep')).toBe(
      path.join(dir, 'root/image/snapshots/keep/merged'),
    );
  });

  it('honours whiteouts and opaque directories from upper layers', async () => {
    const rootfs = path.join(dir, 'rootfs');
    await buildBusyboxRootfs(rootfs);
    await fs.mkdir(path.join(rootfs, 'data/keep'), { recursive: true });
    await fs.writeFile(path.join(rootfs, 'data/gone.txt'), 'old');
    await fs.writeFile(path.join(rootfs, 'data/keep/a'), 'a');
    await fs.mkdir(path.join(rootfs, 'opaque'));
    await fs.writeFile(path.join(rootfs, 'opaque/old'), 'old');
    const base = await tarFromDir(rootfs);
    const upper = await tarFromEntries([
      { name: 'data/', type: 'directory' },
      { name: 'data/.wh.gone.txt' },
      { name: 'opaque/', type: 'directory' },
      { name: 'opaque/.wh..wh..opq' },
      { name: 'opaque/new', content: 'new' },
      { name: 'etc/added', content: 'added', mode: 0o640, uid: 65534, gid: 65534 },
    ]);
    const file = path.join(dir, 'wh.tar');
    await writeImageArchive(file, [base, upper], { format: 'oci', tag: 'wh:1' });
    await svc.load(file);
    const root = await mount('wh', 'wh:1');
    expect(await fs.readdir(path.join(root, 'data'))).toEqual(['keep']);
    expect(await fs.readdir(path.join(root, 'opaque'))).toEqual(['new']);
    const st = await fs.stat(path.join(root, 'etc/added'));
    expect([st.mode & 0o7777, st.uid, st.gid]).toEqual([0o640, 65534, 65534]);
    // The lower layer itself is untouched.
    const img = await svc.resolve('wh:1');
    expect(img.layers).toHaveLength(2);
  });

  it('reads /etc/passwd and /etc/group without mounting, as the mount shows them', async () => {
    const base = await tarFromEntries([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', content: 'base:x:1:1::/:/bin/sh\n' },
      { name: 'etc/group', content: 'base:x:1:\n' },
    ]);
    // A whiteout removes group; an opaque directory hides everything below it.
    const whiteout = await tarFromEntries([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/.wh.group' },
      { name: 'etc/passwd', content: 'two:x:2:2::/:/bin/sh\n' },
    ]);
    const opaque = await tarFromEntries([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/.wh..wh..opq' },
      { name: 'etc/group', content: 'three:x:3:\n' },
    ]);
    for (const [tag, layers] of [
      ['users:wh', [base, whiteout]],
      ['users:opq', [base, opaque]],
    ] as const) {
      const file = path.join(dir, 'users.tar');
      await writeImageArchive(file, [...layers], { format: 'oci', tag });
      await svc.load(file);
    }
    const viaMount = async (key: string): Promise<unknown> => {
      const root = await svc.mountRootfs(key);
      try {
        return await readUserFiles(root);
      } finally {
        await svc.unmountRootfs(key);
      }
    };
    const lowerMounts = (): string[] =>
      readFileSync('/proc/self/mountinfo', 'utf8')
        .split('\n')
        .filter((l) => l.includes('/lower-mounts/'));
    for (const [key, ref, want] of [
      ['wh', 'users:wh', { passwd: 'two:x:2:2::/:/bin/sh\n', group: undefined }],
      ['opq', 'users:opq', { passwd: undefined, group: 'three:x:3:\n' }],
    ] as const) {
      await svc.prepareRootfs(key, ref);
      cleanup.push(() => svc.removeRootfs(key));
      expect(await svc.rootfsUserFiles(key)).toEqual(want);
      expect(await viaMount(key)).toEqual(want);
    }
    expect(lowerMounts()).toEqual([]);
    // The container's own files: a changed passwd, a removed group (a whiteout in its upper
    // directory).
    const root = await svc.mountRootfs('opq');
    await fs.writeFile(path.join(root, 'etc/passwd'), 'mine:x:9:9::/:/bin/sh\n');
    await fs.rm(path.join(root, 'etc/group'));
    await svc.unmountRootfs('opq');
    const mine = { passwd: 'mine:x:9:9::/:/bin/sh\n', group: undefined };
    expect(await svc.rootfsUserFiles('opq')).toEqual(mine);
    expect(await viaMount('opq')).toEqual(mine);
  });

  it('keeps hardlinks, device nodes, fifos, modes, owners, mtimes and xattrs from a layer', async () => {
    const rootfs = path.join(dir, 'rootfs');
    await buildBusyboxRootfs(rootfs);
    const base = await tarFromDir(rootfs);
    const mtime = new Date('2020-02-02T02:02:02Z');
    const upper = await tarFromEntries([
      { name: 'opt/', type: 'directory', mode: 0o710, uid: 7, gid: 8, mtime },
      {
        name: 'opt/tool',
        content: 'bin',
        mode: 0o4755,
        uid: 0,
        gid: 0,
        mtime,
        pax: { 'SCHILY.xattr.user.origin': 'layer' },
      },
      { name: 'opt/tool-link', type: 'link', linkname: 'opt/tool' },
      { name: 'opt/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'opt/pipe', type: 'fifo', mode: 0o600 },
      { name: 'opt/evil-xattr', content: 'x', pax: { 'SCHILY.xattr.trusted.overlay.opaque': 'y' } },
    ]);
    const file = path.join(dir, 'special.tar');
    await writeImageArchive(file, [base, upper], { format: 'docker', tag: 'special:1' });
    await svc.load(file);
    const root = await mount('sp', 'special:1');
    const tool = await fs.stat(path.join(root, 'opt/tool'));
    expect([tool.mode & 0o7777, tool.nlink, tool.mtime.toISOString()]).toEqual([
      0o4755,
      2,
      mtime.toISOString(),
    ]);
    const opt = await fs.stat(path.join(root, 'opt'));
    expect([opt.mode & 0o7777, opt.uid, opt.gid, opt.mtime.toISOString()]).toEqual([
      0o710,
      7,
      8,
      mtime.toISOString(),
    ]);
    const dev = await fs.stat(path.join(root, 'opt/null'));
    expect([dev.isCharacterDevice(), dev.rdev]).toEqual([true, 259]);
    expect((await fs.stat(path.join(root, 'opt/pipe'))).isFIFO()).toBe(true);
    const xattr = execFileSync('getfattr', [
      '--only-values',
      '-n',
      'user.origin',
      path.join(root, 'opt/tool'),
    ]).toString();
    expect(xattr).toBe('layer');
    // A layer cannot set overlayfs' own attributes.
    const img = await svc.resolve('special:1');
    const top = chainIds(img.diffIds as `sha256:${string}`[])[1]!;
    const evil = path.join(svc.layers.diffDir(top), 'opt/evil-xattr');
    expect(await fs.readFile(evil, 'utf8')).toBe('x');
    expect(() =>
      execFileSync('getfattr', ['-n', 'trusted.overlay.opaque', evil], { stdio: 'pipe' }),
    ).toThrow();
  });

  it.each([
    ['a parent path', [{ name: '../evil', content: 'x' }]],
    ['an absolute path', [{ name: '/etc/evil', content: 'x' }]],
    ['a nested parent path', [{ name: 'a/../../evil', content: 'x' }]],
    ['an escaping symlink', [{ name: 'link', type: 'symlink' as const, linkname: '../../../etc' }]],
    [
      'a write through a symlink',
      [
        { name: 'dir', type: 'symlink' as const, linkname: '/tmp' },
        { name: 'dir/evil', content: 'x' },
      ],
    ],
    ['an escaping hardlink', [{ name: 'h', type: 'link' as const, linkname: '../etc/passwd' }]],
  ])('refuses a layer with %s', async (_what, entries) => {
    const file = path.join(dir, 'evil.tar');
    await writeImageArchive(file, [await tarFromEntries(entries)], {
      format: 'docker',
      tag: 'evil:1',
    });
    await svc.load(file);
    const err = await expectCode(svc.prepareRootfs('evil', 'evil:1'), 'IMAGE_UNSAFE_LAYER');
    expect(err.message).toMatch(/^Unsafe layer entry "/);
    // Nothing escaped and no half-unpacked layer stays behind.
    await expect(fs.stat(path.join(dir, 'root/image/layers/evil'))).rejects.toThrow();
    await expect(fs.stat('/tmp/evil')).rejects.toThrow();
    expect(await svc.layers.list()).toEqual([]);
  });

  it('detects a corrupted layer blob in the store before using it', async () => {
    const file = path.join(dir, 'bb.tar');
    const written = await writeBusyboxArchive(file, { format: 'docker' });
    await svc.load(file);
    const blob = svc.content.path(written.diffIds[0] as `sha256:${string}`);
    const handle = await fs.open(blob, 'r+');
    await handle.write(Buffer.from('X'), 0, 1, 100_000);
    await handle.close();
    await expectCode(svc.prepareRootfs('bad', 'busybox:test'), 'IMAGE_DIGEST_MISMATCH');
    expect(await svc.layers.list()).toEqual([]);
  });

  it('gives each resolve its own copy of the config', async () => {
    const file = path.join(dir, 'bb.tar');
    await writeBusyboxArchive(file, { format: 'oci', tag: 'busybox:test' });
    await svc.load(file);
    const first = await svc.resolve('busybox:test');
    first.config.Cmd = ['changed'];
    expect((await svc.resolve('busybox:test')).config.Cmd).toEqual(['sh']);
  });

  it('detects a corrupted config blob (also after it was read once)', async () => {
    const file = path.join(dir, 'bb.tar');
    const written = await writeBusyboxArchive(file, { format: 'oci' });
    await svc.load(file);
    await fs.appendFile(svc.content.path(written.id as `sha256:${string}`), ' ');
    await expectCode(svc.resolve('busybox:test'), 'IMAGE_DIGEST_MISMATCH');
  });

  it('keeps every blob when garbage collection meets an unreadable image, and while a load runs', async () => {
    const a = await writeBusyboxArchive(path.join(dir, 'a.tar'), { format: 'docker', tag: 'a:1' });
    await svc.load(path.join(dir, 'a.tar'));
    const other = await tarFromEntries([{ name: 'x', content: 'x' }]);
    await writeImageArchive(path.join(dir, 'b.tar'), [other], { format: 'docker', tag: 'b:1' });
    await svc.load(path.join(dir, 'b.tar'));
    await fs.appendFile(svc.content.path(a.id as `sha256:${string}`), ' ');
    const before = (await svc.content.list()).length;
    await svc.remove('b:1');
    expect((await svc.content.list()).length).toBe(before);
    // With a's config repaired, the next collection removes b's blobs, unless a load is running.
    const cfg = await fs.readFile(svc.content.path(a.id as `sha256:${string}`), 'utf8');
    await fs.writeFile(svc.content.path(a.id as `sha256:${string}`), cfg.slice(0, -1));
    expect(await svc.ingesting(() => svc.gc())).toBe(0);
    expect(await svc.gc()).toBeGreaterThan(0);
    expect((await svc.content.list()).sort()).toEqual(
      [a.id, a.diffIds[0]!, (await svc.resolve('a:1')).manifestDigest].sort(),
    );
  });

  it('refuses an OCI archive whose blob does not match its name', async () => {
    const file = path.join(dir, 'bb.tar');
    await writeBusyboxArchive(file, { format: 'oci' });
    const x = path.join(dir, 'x');
    await fs.mkdir(x);
    execFileSync('tar', ['-xf', file, '-C', x]);
    const blobs = await fs.readdir(path.join(x, 'blobs/sha256'));
    const biggest = (
      await Promise.all(
        blobs.map(async (b) => ({ b, s: (await fs.stat(path.join(x, 'blobs/sha256', b))).size })),
      )
    ).sort((p, q) => q.s - p.s)[0]!.b;
    await fs.appendFile(path.join(x, 'blobs/sha256', biggest), 'tampered');
    execFileSync('tar', ['-cf', file, '-C', x, '.']);
    await expectCode(svc.load(file), 'IMAGE_DIGEST_MISMATCH');
    expect(await svc.list()).toEqual([]);
  });

  it('refuses files that are not image archives with a clear error', async () => {
    const file = path.join(dir, 'junk.tar');
    await fs.writeFile(file, await tarFromEntries([{ name: 'hello.txt', content: 'hi' }]));
    const err = await expectCode(svc.load(file), 'IMAGE_INVALID');
    expect(err.message).toContain('is not an image archive');
    await expectCode(svc.load(path.join(dir, 'missing.tar')), 'IMAGE_NOT_FOUND');
    await fs.writeFile(
      file,
      'not a tar at all, just text that is long enough to be read as a header '.repeat(10),
    );
    await expectCode(svc.load(file), 'IMAGE_INVALID');
  });

  it('saves images to an archive that loads back elsewhere with the same ID', async () => {
    const file = path.join(dir, 'bb.tar');
    const written = await writeBusyboxArchive(file, { format: 'docker', gzipLayers: true });
    await svc.load(file);
    await svc.tag('busybox:test', 'mine/bb:v2');
    const out = path.join(dir, 'saved.tar');
    await svc.save(['mine/bb:v2'], out);
    const listing = execFileSync('tar', ['-tf', out]).toString();
    expect(listing).toContain('manifest.json');
    expect(listing).toContain('oci-layout');
    const other = await ImageService.open(path.join(dir, 'other', 'image'));
    const loaded = await other.load(out);
    expect(loaded.map((i) => [i.id, i.repoTags])).toEqual([[written.id, ['mine/bb:v2']]]);
  });

  it('tags, untags, refuses removing images in use, removes and prunes', async () => {
    const file = path.join(dir, 'bb.tar');
    const written = await writeBusyboxArchive(file, { format: 'docker' });
    await svc.load(file);
    await svc.tag('busybox:test', 'bb:two');
    expect((await svc.resolve('bb:two')).repoTags).toEqual(['busybox:test', 'bb:two']);
    await expectCode(svc.remove(written.id), 'IMAGE_IN_USE');
    expect(await svc.remove('bb:two')).toEqual({ untagged: ['bb:two'], deleted: [] });
    await expectCode(svc.resolve('bb:two'), 'IMAGE_NOT_FOUND');
    svc.setInUse((id) => (id === written.id ? ['web-1'] : []));
    const err = await expectCode(svc.remove('busybox:test'), 'IMAGE_IN_USE');
    expect(err.message).toContain('web-1');
    expect((await svc.prune({ all: true })).deleted).toEqual([]);
    svc.setInUse(() => []);
    // A root filesystem made from the image counts as a user even when no check names it.
    await mount('c', 'busybox:test');
    const err2 = await expectCode(svc.remove('busybox:test'), 'IMAGE_IN_USE');
    expect(err2.message).toContain('rootfs c');
    expect(await svc.remove('busybox:test', { force: true })).toEqual({
      untagged: ['busybox:test'],
      deleted: [],
    });
    expect((await svc.prune()).deleted).toEqual([]);
    expect(await svc.layers.list()).toHaveLength(1);
    await svc.removeRootfs('c');
    expect((await svc.prune()).deleted).toEqual([written.id]);
    expect(await svc.layers.list()).toEqual([]);
    expect(await svc.content.list()).toEqual([]);
    expect(
      hasCode(await svc.resolve('busybox:test').catch((e: unknown) => e), 'IMAGE_NOT_FOUND'),
    ).toBe(true);
  });

  it('unpacks a shared layer once when two root filesystems are prepared at the same time', async () => {
    const file = path.join(dir, 'bb.tar');
    await writeBusyboxArchive(file, { format: 'docker' });
    await svc.load(file);
    await Promise.all(['p1', 'p2', 'p3'].map((k) => svc.prepareRootfs(k, 'busybox:test')));
    for (const k of ['p1', 'p2', 'p3']) cleanup.push(() => svc.removeRootfs(k));
    expect(await svc.layers.list()).toHaveLength(1);
    expect(
      (await fs.readdir(path.join(dir, 'root/image/l'))).filter((n) => n !== 'empty'),
    ).toHaveLength(1);
  });
});

/**
 * Build contexts and image archives travel as streams over the API (a CLI on another machine
 * has no shared files): `build DIR` sends the directory as a tar (honouring .dockerignore),
 * `build -` reads the tar from stdin, `image load -i` / `save -o` stream their files. Hostile
 * context archives are refused by the extraction checks, and nothing lands outside.
 */
import {
  existsSync,
  readdirSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { daemonWithBusybox } from './containers-harness.js';

async function tarOf(
  entries: (Partial<tar.Header> & { name: string; body?: string })[],
): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const { body, ...header } = e;
    pack.entry(header, body ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('streamed build contexts and image archives', () => {
  const cleanup = useCleanup();

  it('builds a directory sent as a tar, honouring .dockerignore, and a tar from stdin', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-ctx-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'keep.txt'), 'kept\n');
    writeFileSync(join(dir, 'secret.txt'), 'secret\n');
    writeFileSync(join(dir, 'sub', 'inner.txt'), 'inner\n');
    writeFileSync(join(dir, '.dockerignore'), 'secret.txt\n');
    writeFileSync(join(dir, 'sub', 'build.Dockerfile'), 'FROM busybox:test\nCOPY . /ctx/\n');
    const b = await d.cli([
      'build',
      '-t',
      'ctx:1',
      '-f',
      join(dir, 'sub', 'build.Dockerfile'),
      dir,
    ]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Successfully tagged ctx:1/);
    const ls = await d.cli([
      'run',
      '--rm',
      'ctx:1',
      'sh',
      '-c',
      'cd /ctx && find . -type f | sort',
    ]);
    expect(ls.stdout.split('\n').filter(Boolean)).toEqual([
      './.dockerignore',
      './keep.txt',
      './sub/build.Dockerfile',
      './sub/inner.txt',
    ]);

    const archive = await tarOf([
      { name: 'Dockerfile', body: 'FROM busybox:test\nCOPY hello.txt /\n' },
      { name: 'hello.txt', body: 'from stdin\n', mode: 0o644 },
    ]);
    const s = await d.cli(['build', '-q', '-t', 'stdin:1', '-'], {
      input: archive.toString('latin1'),
    });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const cat = await d.cli(['run', '--rm', 'stdin:1', 'cat', '/hello.txt']);
    expect(cat.stdout).toBe('from stdin\n');
    // The unpacked contexts are gone after the builds.
    const scratch = join(d.root, 'image', 'build-cache', 'tmp');
    const left = existsSync(scratch) ? readdirSync(scratch) : [];
    expect(left.filter((f) => f.startsWith('context-'))).toEqual([]);
  });

  it('refuses hostile context archives; nothing lands outside the context', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const victim = mkdtempSync(join(tmpdir(), 'tsorch-victim-'));
    cleanup.push(() => rmSync(victim, { recursive: true, force: true }));
    for (const entries of [
      [
        { name: 'Dockerfile', body: 'FROM busybox:test\n' },
        { name: 'link', type: 'symlink' as const, linkname: victim },
        { name: 'link/planted', body: 'x' },
      ],
      [
        { name: 'Dockerfile', body: 'FROM busybox:test\n' },
        { name: '../planted', body: 'x' },
      ],
    ]) {
      const r = await d.cli(['build', '-'], {
        input: (await tarOf(entries)).toString('latin1'),
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/build context/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(victim, 'planted'))).toBe(false);
    expect(existsSync(join(d.root, 'image', 'build-cache', 'planted'))).toBe(false);
    const notTar = await d.cli(['build', '-'], { input: 'not a tar at all' });
    expect(notTar.code).toBe(1);
  });

  it('image save -o and load -i stream the files; errors name the file', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-arch-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'bb.tar');
    const save = await d.cli(['image', 'save', '-o', out, 'busybox:test']);
    expect(save.code, save.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(1000);
    expect((await d.cli(['image', 'rm', 'busybox:test'])).code).toBe(0);
    const load = await d.cli(['image', 'load', '-i', out]);
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout).toBe('Loaded image: busybox:test\n');
    const gz = join(dir, 'bb.tar.gz');
    expect((await d.cli(['image', 'save', '-o', gz, 'busybox:test'])).code).toBe(0);
    expect([...readFileSync(gz).subarray(0, 2)]).toEqual([0x1f, 0x8b]);

    const noDir = await d.cli(['image', 'save', '-o', join(dir, 'no', 'x.tar'), 'busybox:test']);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/Cannot write the archive ".*x\.tar": ENOENT/);
    const missing = await d.cli(['image', 'save', '-o', join(dir, 'y.tar'), 'nosuch:1']);
    expect(missing.code).toBe(1);
    expect(existsSync(join(dir, 'y.tar'))).toBe(false);
    writeFileSync(join(dir, 'junk.tar'), 'junk');
    const junk = await d.cli(['image', 'load', '-i', join(dir, 'junk.tar')]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).not.toMatch(/\n\s+at /);
  });
});

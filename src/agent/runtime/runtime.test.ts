import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crunHybridWrapper, findOnPath, parseNofileHardLimit } from './open.js';
import { createRuntime, errorsFromLog, scratchDirOf } from './runtime.js';

describe('Runtime.argv', () => {
  const runc = createRuntime('runc', { stateDir: '/run/t/runc' });

  it('builds runc command lines with the state directory', () => {
    expect(runc.argv.create('c1', '/b', { pidFile: '/b/pid' })).toEqual([
      'runc', '--root', '/run/t/runc', 'create', '--bundle', '/b', '--pid-file', '/b/pid', 'c1',
    ]); // prettier-ignore
    expect(runc.argv.kill('c1', 'TERM', { all: true })).toEqual([
      'runc', '--root', '/run/t/runc', 'kill', '--all', 'c1', 'TERM',
    ]); // prettier-ignore
    expect(runc.argv.delete('c1', { force: true })).toEqual([
      'runc', '--root', '/run/t/runc', 'delete', '--force', 'c1',
    ]); // prettier-ignore
    expect(runc.argv.exec('c1', '/p.json', { tty: true, detach: true, logFile: '/l' })).toEqual([
      'runc', '--root', '/run/t/runc', '--log', '/l', '--log-format', 'json',
      'exec', '--process', '/p.json', '--tty', '--detach', 'c1',
    ]); // prettier-ignore
  });

  it('prefixes the wrapper and uses crun log flags', () => {
    const crun = createRuntime('crun', {
      stateDir: '/run/t/crun',
      wrapper: crunHybridWrapper('/e', '/sys/fs/cgroup/unified/cgroup.controllers'),
    });
    const argv = crun.argv.create('c1', '/b', { logFile: '/l' });
    expect(argv.slice(0, 4)).toEqual(['unshare', '--mount', '--propagation', 'private']);
    expect(crun.argv.delete('c1')[0]).toBe('unshare');
    expect(crun.argv.run('c1', '/b', { detach: true })[0]).toBe('unshare');
    // Commands that touch no cgroup setup run crun directly.
    expect(crun.argv.start('c1')).toEqual(['crun', '--root', '/run/t/crun', 'start', 'c1']);
    expect(crun.argv.exec('c1', '/p', { logFile: '/l' })[0]).toBe('crun');
    expect(crun.argv.state('c1')[0]).toBe('crun');
    expect(argv.slice(argv.indexOf('crun'))).toEqual([
      'crun', '--root', '/run/t/crun', '--log=file:/l', '--log-format=json',
      'create', '--bundle', '/b', 'c1',
    ]); // prettier-ignore
  });
});

describe('Runtime.execFifo', () => {
  it("names runc's exec fifo in the container's state directory; crun has none", () => {
    expect(createRuntime('runc', { stateDir: '/run/t/runc' }).execFifo?.('c1')).toBe(
      '/run/t/runc/c1/exec.fifo',
    );
    expect(createRuntime('crun', { stateDir: '/run/t/crun' }).execFifo).toBeUndefined();
  });
});

describe('errorsFromLog()', () => {
  it('keeps error messages and plain-text lines, drops other levels', () => {
    const log = [
      '{"level":"warning","msg":"ignored","time":"t"}',
      '{"level":"error","msg":"container init failed","time":"t"}',
      'plain text failure',
      '',
    ].join('\n');
    expect(errorsFromLog(log)).toEqual(['container init failed', 'plain text failure']);
  });
});

describe('parseNofileHardLimit()', () => {
  it('reads the hard limit from /proc/self/limits', () => {
    const limits = `Limit                     Soft Limit           Hard Limit           Units
Max processes             95941                95941                processes
Max open files            1024                 524288               files
`;
    expect(parseNofileHardLimit(limits)).toBe(524288);
    expect(parseNofileHardLimit('')).toBeUndefined();
  });
});

describe('scratchDirOf()', () => {
  it('keeps tsorch files beside the runtime state directory, not inside it', () => {
    expect(scratchDirOf('/run/tsorch/runc')).toBe('/run/tsorch/runc.tsorch');
    expect(scratchDirOf('/run/tsorch/runc/')).toBe('/run/tsorch/runc.tsorch');
  });
});

describe('Runtime lookups', () => {
  const rt = createRuntime('runc', { stateDir: '/nonexistent/tsorch-state' });

  it('reports ids that cannot be containers as not found, without running the runtime', async () => {
    for (const id of ['../etc', 'a/b', ''])
      await expect(rt.state(id)).rejects.toMatchObject({ code: 'CONTAINER_NOT_FOUND' });
  });

  it('lists nothing when the state directory does not exist yet', async () => {
    expect(await rt.list()).toEqual([]);
  });
});

describe('findOnPath()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsorch-path-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  mkdirSync(join(dir, 'a', 'tool'));
  writeFileSync(join(dir, 'b', 'plain'), '');
  writeFileSync(join(dir, 'b', 'tool'), '#!/bin/sh\n', { mode: 0o755 });

  it('takes the first executable file on the path', () => {
    const path = ['', 'relative', join(dir, 'a'), join(dir, 'b')].join(':');
    expect(findOnPath('tool', path)).toBe(join(dir, 'b', 'tool'));
  });

  it('keeps the name when nothing is found, and paths as given', () => {
    expect(findOnPath('plain', join(dir, 'b'))).toBe('plain');
    expect(findOnPath('nothing', join(dir, 'b'))).toBe('nothing');
    expect(findOnPath('./x/tool', join(dir, 'b'))).toBe('./x/tool');
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from './bundle.js';
import { execProcess } from './exec-process.js';
import { buildOciSpec } from './spec.js';

const spec = buildOciSpec(
  { id: 'c1', rootfsPath: '/r', args: ['sh'], env: ['A=1', 'B=2'], cwd: '/app', capDrop: ['ALL'] },
  { arch: 'x64' },
);

describe('execProcess()', () => {
  it('inherits env, cwd, user and capabilities, overriding what the exec sets', () => {
    const p = execProcess(spec, { args: ['ls'], env: ['B=3', 'C=4'], tty: true });
    expect(p.args).toEqual(['ls']);
    expect(p.env).toEqual(expect.arrayContaining(['A=1', 'B=3', 'C=4']));
    expect(p.env).not.toContain('B=2');
    expect(p.cwd).toBe('/app');
    expect(p.terminal).toBe(true);
    expect(p.capabilities?.effective).toEqual([]);
    expect(p.noNewPrivileges).toBe(true);
    expect(
      execProcess(spec, { args: ['id'], user: { uid: 5, gid: 6, additionalGids: [] } }).user,
    ).toEqual({ uid: 5, gid: 6, additionalGids: [] });
  });

  it('rejects an empty command', () => {
    expect(() => execProcess(spec, { args: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('writeBundle()', () => {
  it('writes config.json with mode 0600 and reads it back', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tsorch-bundle-')), 'b');
    try {
      await writeBundle(dir, spec);
      expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(await readBundle(dir)).toEqual(spec);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import { ComposeError } from './errors.js';
import { findComposeFiles, loadProject } from './load.js';

describe('loadProject()', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsorch-load-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds compose.yaml and its override file, searching parent directories', async () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: one\n');
    writeFileSync(join(dir, 'compose.override.yml'), 'services:\n  a:\n    image: two\n');
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    const loaded = await loadProject({ cwd: join(dir, 'sub', 'deeper'), env: {} });
    expect(loaded.files).toEqual([join(dir, 'compose.yaml'), join(dir, 'compose.override.yml')]);
    expect(loaded.workingDir).toBe(dir);
    expect(loaded.project.services['a']?.image).toBe('two');
  });

  it('uses COMPOSE_FILE with COMPOSE_PATH_SEPARATOR', () => {
    writeFileSync(join(dir, 'a.yml'), 'services: {}\n');
    writeFileSync(join(dir, 'b.yml'), 'services: {}\n');
    expect(
      findComposeFiles({
        cwd: dir,
        env: { COMPOSE_FILE: 'a.yml;b.yml', COMPOSE_PATH_SEPARATOR: ';' },
      }),
    ).toEqual([join(dir, 'a.yml'), join(dir, 'b.yml')]);
  });

  it('rejects a missing -f file with COMPOSE_FILE_NOT_FOUND', async () => {
    const err = await loadProject({ files: ['nope.yml'], cwd: dir, env: {} }).catch(
      (e: unknown) => e,
    );
    expect(hasCode(err, 'COMPOSE_FILE_NOT_FOUND')).toBe(true);
  });

  it('reports a bad .env line with the file and line', async () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n');
    writeFileSync(join(dir, '.env'), 'GOOD=1\n9BAD=2\n');
    const err = await loadProject({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComposeError);
    expect((err as ComposeError).issues).toEqual([
      {
        file: '.env',
        line: 2,
        column: 1,
        path: '',
        code: 'invalid_value',
        message: 'Invalid variable name "9BAD"',
      },
    ]);
  });

  it('gives the process environment precedence over .env', async () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: "x:${TAG}"\n');
    writeFileSync(join(dir, '.env'), 'TAG=from-dotenv\n');
    const fromDotenv = await loadProject({ cwd: dir, env: {} });
    const fromShell = await loadProject({ cwd: dir, env: { TAG: 'from-shell' } });
    expect(fromDotenv.project.services['a']?.image).toBe('x:from-dotenv');
    expect(fromShell.project.services['a']?.image).toBe('x:from-shell');
  });

  it('carries issues as structured details on the error', async () => {
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  a:\n    image: x\n    depends_on: [b]\n',
    );
    const err = await loadProject({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(hasCode(err, 'COMPOSE_INVALID')).toBe(true);
    expect((err as ComposeError).details).toEqual({
      issues: [
        {
          file: 'compose.yaml',
          line: 4,
          column: 18,
          path: 'services.a.depends_on.b',
          code: 'undefined_reference',
          message: 'Service "a" depends on "b", but no service "b" is defined',
        },
      ],
    });
  });

  it('reads the compose file from standard input with -f -', async () => {
    const loaded = await loadProject({
      files: ['-'],
      cwd: dir,
      env: {},
      stdin: () => 'services:\n  s:\n    image: from-stdin\n    ports: ["80:x"]\n',
    }).catch((e: unknown) => e);
    expect((loaded as ComposeError).issues[0]).toMatchObject({
      file: '<stdin>',
      line: 4,
      path: 'services.s.ports[0]',
    });
  });
});

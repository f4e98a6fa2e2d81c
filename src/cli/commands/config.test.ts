import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run.js';
import type { CliIo } from '../io.js';

function capture(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: { HOME: '/home/user', ...env },
    cwd,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const stack = `
services:
  web:
    image: "nginx:\${TAG:-1.25}"
    ports: ["8080:80"]
    depends_on: [api]
    profiles: [frontend]
  api:
    build: ./api
    volumes: [data:/data]
    environment:
      PRICE: "5$$"
      UNSET: \${NOT_SET}
volumes:
  data: {}
networks:
  extra: {}
`;

describe('tsorch config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsorch-config-'));
    mkdirSync(join(dir, 'My Shop'));
    writeFileSync(join(dir, 'My Shop', 'compose.yaml'), stack);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the normalized project, discovering compose.yaml and naming the project after its directory', async () => {
    const c = capture(join(dir, 'My Shop'));
    expect(await runCli(['config', '--profile', 'frontend'], c.io)).toBe(0);
    const out = c.stdout();
    expect(out).toContain('name: myshop\n');
    expect(out).toContain('image: nginx:1.25');
    expect(out).toContain('published: "8080"');
    expect(out).toContain('PRICE: 5$$');
    expect(out).toContain(`context: ${join(dir, 'My Shop', 'api')}`);
    expect(c.stderr()).toBe(
      'Warning: The "NOT_SET" variable is not set: defaulting to a blank string\n',
    );
  });

  it.each([
    [['--services'], 'api\n'],
    [['--services', '--profile', 'frontend'], 'api\nweb\n'],
    [['--volumes'], 'data\n'],
    // `extra` is used by no service, so it is not part of the project (docker compose config).
    [['--networks'], 'default\n'],
    [['--profiles'], 'frontend\n'],
    [['--images', '-p', 'shop'], 'shop-api\n'],
    [['-q'], ''],
  ])('config %j prints %j', async (args, expected) => {
    const c = capture(join(dir, 'My Shop'));
    expect(await runCli(['config', ...args], c.io)).toBe(0);
    expect(c.stdout()).toBe(expected);
  });

  it('prints JSON with --format json and writes to a file with -o', async () => {
    const c = capture(join(dir, 'My Shop'));
    expect(
      await runCli(['config', '--format', 'json', '-o', 'out.json', '--no-interpolate'], c.io),
    ).toBe(0);
    expect(c.stdout()).toBe('');
    const doc = JSON.parse(readFileSync(join(dir, 'My Shop', 'out.json'), 'utf8')) as {
      services: Record<string, { image?: string }>;
    };
    expect(doc.services['api']).toBeDefined();
    expect(Object.keys(doc.services)).toEqual(['api']);
  });

  it('prints a stable hash per service', async () => {
    const a = capture(join(dir, 'My Shop'));
    const b = capture(join(dir, 'My Shop'));
    expect(await runCli(['config', '--hash', '*'], a.io)).toBe(0);
    expect(await runCli(['config', '--hash', 'api'], b.io)).toBe(0);
    expect(a.stdout()).toMatch(/^api [0-9a-f]{64}\n$/);
    expect(b.stdout()).toBe(a.stdout());
  });

  it('reports every issue with file, line and column, and exits 1', async () => {
    writeFileSync(
      join(dir, 'bad.yml'),
      'services:\n  web:\n    image: nginx\n    ports: ["80:x"]\n    prots: []\n',
    );
    const c = capture(dir);
    expect(await runCli(['config', '-f', 'bad.yml'], c.io)).toBe(1);
    expect(c.stderr()).toBe(
      'Error: bad.yml:5:5 services.web.prots: Unknown key "prots": did you mean "ports"?\n',
    );
  });

  it('reports several issues one per line', async () => {
    writeFileSync(
      join(dir, 'bad.yml'),
      'services:\n  web:\n    image: nginx\n    ports: ["80:x"]\n    stop_grace_period: 5\n',
    );
    const c = capture(dir);
    expect(await runCli(['config', '-f', 'bad.yml'], c.io)).toBe(1);
    expect(c.stderr()).toBe(
      'Error: 2 problems in the compose project:\n' +
        '  bad.yml:4:13 services.web.ports[0]: Cannot parse port "80:x": container port must be a number or a range such as "8000-8010", not "x"\n' +
        '  bad.yml:5:24 services.web.stop_grace_period: Cannot parse duration "5": missing unit (use for example "5s")\n',
    );
  });

  it('fails clearly when no compose file exists', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tsorch-empty-'));
    try {
      const e = capture(empty);
      expect(await runCli(['config'], e.io)).toBe(1);
      expect(e.stderr()).toMatch(
        /^Error: No compose file found in ".*" or its parent directories\nHint: /,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.each([
    [
      ['config', '--format', 'toml'],
      2,
      'Error: Invalid value "toml" for --format: use yaml or json\n',
    ],
    [
      ['config', '-p', 'Bad Name'],
      1,
      'Error: Invalid project name "Bad Name": use lowercase letters, digits, "_" and "-", starting with a letter or digit\n',
    ],
    [
      ['config', '--env-file', 'missing.env'],
      1,
      `Error: Cannot read env file "DIR/My Shop/missing.env": file not found\n`,
    ],
    [['config', '--hash', 'nope'], 2, 'Error: No such service "nope"\nHint: services: api\n'],
  ])('rejects %j with exit code %i', async (args, code, message) => {
    const c = capture(join(dir, 'My Shop'));
    expect(await runCli(args, c.io)).toBe(code);
    expect(
      c
        .stderr()
        .replace(/^Warning: .*\n/gm, '')
        .replaceAll(dir, 'DIR'),
    ).toBe(message);
  });

  it('takes COMPOSE_PROJECT_NAME and COMPOSE_PROFILES from .env', async () => {
    writeFileSync(
      join(dir, 'My Shop', '.env'),
      'COMPOSE_PROJECT_NAME=fromenv\nCOMPOSE_PROFILES=frontend\nTAG=2\n',
    );
    const c = capture(join(dir, 'My Shop'));
    expect(await runCli(['config'], c.io)).toBe(0);
    expect(c.stdout()).toContain('name: fromenv\n');
    expect(c.stdout()).toContain('image: nginx:2\n');
  });

  it('skips reference checks with --no-consistency and keeps relative paths with --no-path-resolution', async () => {
    writeFileSync(
      join(dir, 'refs.yml'),
      'services:\n  a:\n    build: ./ctx\n    networks: [undeclared]\n',
    );
    const strict = capture(dir);
    expect(await runCli(['config', '-f', 'refs.yml'], strict.io)).toBe(1);
    const relaxed = capture(dir);
    expect(
      await runCli(
        ['config', '-f', 'refs.yml', '--no-consistency', '--no-path-resolution'],
        relaxed.io,
      ),
    ).toBe(0);
    expect(relaxed.stdout()).toContain('      context: ./ctx\n');
    expect(relaxed.stdout()).toContain('      undeclared: null\n');
  });

  it('keeps only the named services and what they depend on', async () => {
    writeFileSync(
      join(dir, 'sel.yml'),
      'services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n  c: {image: x}\n  d: {image: x}\n',
    );
    const c = capture(dir);
    expect(await runCli(['config', '-f', 'sel.yml', '--services', 'a'], c.io)).toBe(0);
    expect(c.stdout()).toBe('a\nb\nc\n');
    const bad = capture(dir);
    expect(await runCli(['config', '-f', 'sel.yml', 'zzz'], bad.io)).toBe(1);
    expect(bad.stderr()).toBe('Error: No such service "zzz"\nHint: services: a, b, c, d\n');
  });

  it('leaves env files and unset variables alone with --no-env-resolution', async () => {
    writeFileSync(join(dir, 'app.env'), 'FROM_FILE=1\n');
    writeFileSync(
      join(dir, 'env.yml'),
      'services:\n  a:\n    image: x\n    env_file: app.env\n    environment: [FROM_SHELL]\n',
    );
    const resolved = capture(dir, { FROM_SHELL: 'shell' });
    expect(await runCli(['config', '-f', 'env.yml'], resolved.io)).toBe(0);
    expect(resolved.stdout()).toContain('      FROM_FILE: "1"\n      FROM_SHELL: shell\n');
    const raw = capture(dir, { FROM_SHELL: 'shell' });
    expect(await runCli(['config', '-f', 'env.yml', '--no-env-resolution'], raw.io)).toBe(0);
    expect(raw.stdout()).toContain('      FROM_SHELL: null\n');
    expect(raw.stdout()).toContain(
      `    env_file:\n      - path: ${join(dir, 'app.env')}\n        required: true\n`,
    );
  });

  it('prints the interpolation environment with --environment', async () => {
    writeFileSync(join(dir, 'My Shop', '.env'), 'TAG=2\n');
    const c = capture(join(dir, 'My Shop'));
    expect(await runCli(['config', '--environment'], c.io)).toBe(0);
    expect(c.stdout()).toBe('HOME=/home/user\nTAG=2\n');
  });
});

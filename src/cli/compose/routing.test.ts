import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/helpers/cli-io.js';
import { runCli } from '../run.js';

let dir: string;

function capture(): ReturnType<typeof captureIo> {
  // No daemon answers here: container commands fail to connect, project ones plan offline.
  return captureIo(dir, {
    HOME: '/nonexistent',
    TSORCH_RUN: join(dir, 'run'),
    // Never the default root, whatever a command under test does.
    TSORCH_ROOT: join(dir, 'root'),
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsorch-routing-'));
  writeFileSync(
    join(dir, 'stack.yml'),
    'name: app\nservices:\n  web:\n    image: web:1\n  db:\n    image: db:1\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unreachable = 'Error: Cannot connect to the tsorch daemon';
const projectCommand = 'no stack can be read or changed there';

describe('the container commands keep their meaning (ADR 023)', () => {
  it.each([
    ['ps'],
    ['ps', '-a'],
    ['logs', 'web'],
    ['logs', '-f', '--tail', '5', 'web'],
    ['exec', 'web', 'sh'],
    ['run', 'busybox', 'true'],
    ['run', '--rm', '-e', 'A=1', 'busybox', 'true'],
    ['stop', 'web'],
    ['start', 'web'],
    ['restart', 'web'],
    ['top', 'web'],
    ['kill', 'web'],
    ['rm', '-f', 'web'],
    ['inspect', 'web'],
    ['build', '-t', 'x:1', '.'],
    ['image', 'ls'],
    ['volume', 'ls'],
  ])('tsorch %s is the container command', async (...argv) => {
    const c = capture();
    const code = await runCli(argv, c.io);
    expect(c.stderr()).toContain(unreachable);
    expect(code).toBe(1);
  });
});

describe('a project named before the word makes it a project command', () => {
  it.each([
    [['-f', 'stack.yml', 'ps']],
    [['-f', 'stack.yml', 'logs', '-f', 'web']],
    [['-p', 'app', 'logs', 'web']],
    [['-p', 'app', 'restart']],
    [['compose', '-f', 'stack.yml', 'ps']],
    [['compose', '-p', 'app', 'down']],
    [['stack', 'rm', 'app']],
    [['stack', 'ls']],
  ])('tsorch %j goes to the stack target', async (argv) => {
    const c = capture();
    const code = await runCli(argv, c.io);
    expect(c.stderr()).toContain(projectCommand);
    expect(code).toBe(1);
  });

  it.each([
    [['plan', '-f', 'stack.yml']],
    [['-f', 'stack.yml', 'plan']],
    [['compose', '-f', 'stack.yml', 'plan']],
    [['up', '-f', 'stack.yml', '--dry-run']],
  ])('tsorch %j plans offline, exit 2 for changes', async (argv) => {
    const c = capture();
    const code = await runCli(argv, c.io);
    expect(c.stdout()).toBe(
      'Stack "app": 3 to create, 0 to update, 0 to remove\n' +
        '  + network app_default\n' +
        '  + service db (app_db)\n' +
        '  + service web (app_web)\n',
    );
    expect(c.stderr()).toContain('planned against an empty cluster');
    expect(code).toBe(2);
  });

  it.each([
    [['-f', 'stack.yml', 'config', '--services']],
    [['compose', '-f', 'stack.yml', 'config', '--services']],
    [['config', '-f', 'stack.yml', '--services']],
  ])('tsorch %j prints the project', async (argv) => {
    const c = capture();
    expect(await runCli(argv, c.io)).toBe(0);
    expect(c.stdout()).toBe('db\nweb\n');
  });

  it.each([
    [['up', '-f', 'stack.yml', '--wait-timeout', '5'], 'Error: --wait-timeout needs --wait\n', 2],
    [
      ['up', '-f', 'stack.yml', '--wait', '--wait-timeout', 'soon'],
      'Error: Invalid value for --wait-timeout: "soon": use a number of seconds above 0\n',
      2,
    ],
    [
      ['plan', '-f', 'stack.yml', '--scale', 'web'],
      'Error: Invalid value for --scale: "web": use SERVICE=REPLICAS\n',
      2,
    ],
    [
      ['plan', '-f', 'stack.yml', '--scale', 'nope=2'],
      'Error: Invalid value for --scale: no service "nope"\nHint: services: db, web\n',
      2,
    ],
    [['stack', 'deploy', 'app'], 'Error: stack deploy needs a compose file: -c FILE\n', 2],
    [
      ['up', '-f', 'stack.yml', '--pull', 'sometimes'],
      'Error: Invalid value for --pull: "sometimes": use always, missing or never\n',
      2,
    ],
    [
      ['down', '-p', 'app', '--rmi', 'some'],
      'Error: Invalid value for --rmi: "some": use local or all\n',
      2,
    ],
    [
      ['plan', '-f', 'stack.yml', 'nope'],
      'Error: No such service "nope"\nHint: services: db, web\n',
      2,
    ],
  ])('tsorch %j fails with a clear message', async (argv, message, exit) => {
    const c = capture();
    expect(await runCli(argv, c.io)).toBe(exit);
    expect(c.stderr()).toContain(message);
  });

  it('reports keys it cannot honour before anything changes, exit 1', async () => {
    writeFileSync(
      join(dir, 'bad.yml'),
      'name: app\nservices:\n  web:\n    image: web:1\n    logging: { driver: syslog }\n',
    );
    const c = capture();
    expect(await runCli(['up', '-f', 'bad.yml', '-d'], c.io)).toBe(1);
    expect(c.stderr()).toContain(
      'Error: services.web.logging: "logging" is not supported by tsorch services\n',
    );
    // Nothing was started: the error came before any daemon was needed.
    expect(c.stderr()).not.toContain('Started a tsorch daemon');
  });
});

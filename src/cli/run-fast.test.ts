import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';
import { parseFastRun, type FastRun } from './run-fast.js';
import type { RunFlags } from './containers/run-spec.js';

const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  env: {},
  cwd: process.cwd(),
};

/** What commander makes of the same command line (the `run` action is replaced to capture). */
async function viaCommander(argv: string[]): Promise<FastRun | 'error'> {
  const program = buildProgram(io);
  let got: FastRun | undefined;
  const run = program.commands.find((c) => c.name() === 'run');
  run?.action((image: string, command: string[], flags: RunFlags & { healthcheck?: boolean }) => {
    const { healthcheck, ...rest } = flags;
    got = {
      image,
      command,
      flags: healthcheck === false ? { ...rest, noHealthcheck: true } : rest,
    };
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return 'error';
  }
  return got ?? 'error';
}

const taken: string[][] = [
  ['run', 'busybox', 'true'],
  ['run', '--rm', 'busybox:test', 'true'],
  ['run', '-d', '--name', 'web', '-m', '64m', '--cpus', '0.5', 'busybox', 'httpd', '-f'],
  ['run', '-e', 'A=1', '-e', 'B=2', '--env=C=3', '-v', 'data:/data', 'img', 'sh', '-c', 'x -e y'],
  ['run', '--pids-limit', '50', '--user', '1000:1000', '-w', '/tmp', '--read-only', 'img'],
  ['run', '--cap-add', 'NET_ADMIN', '--cap-drop', 'ALL', '--privileged', '--init', 'img'],
  ['run', '--no-healthcheck', '--restart', 'on-failure:3', '--health-on-failure', 'kill', 'img'],
  ['run', '--health-cmd', 'test -f /ok', '--health-interval', '1s', '--health-retries', '3', 'i'],
  ['run', '--network', 'host', '--hostname', 'h', '-l', 'a=b', '--sysctl', 'net.x=1', 'img', '-d'],
  ['run', '--entrypoint', '/bin/sh', '--stop-signal', 'SIGINT', '--stop-timeout', '3', 'img'],
  ['run', '--tmpfs', '/run:size=1m', '--ulimit', 'nofile=10:20', '-p', '8080:80', 'img'],
];

const leftToCommander: string[][] = [
  ['run'],
  ['run', '--help'],
  ['run', '-h'],
  ['run', '--rm'],
  ['run', '--no-such-flag', 'img'],
  ['run', '-dit', 'img'],
  ['run', '--memory-swap', '-1', 'img'],
  ['run', '--', 'img'],
  ['run', '--name'],
  ['run', '--rm=yes', 'img'],
  ['ps'],
  ['--version'],
];

describe('parseFastRun', () => {
  it.each(taken)('parses %j as commander does', async (...argv) => {
    const fast = parseFastRun(argv);
    expect(fast).toBeDefined();
    expect(fast).toEqual(await viaCommander(argv));
  });

  it.each(leftToCommander)('leaves %j to commander', (...argv) => {
    expect(parseFastRun(argv)).toBeUndefined();
  });

  it('keeps flags after the image for the container', () => {
    expect(parseFastRun(['run', 'img', '--rm', '-e', 'X'])).toEqual({
      image: 'img',
      command: ['--rm', '-e', 'X'],
      flags: { restart: 'no', healthOnFailure: 'none' },
    });
  });
});

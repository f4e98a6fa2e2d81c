import { describe, expect, it } from 'vitest';
import { routeProjectArgv } from './route.js';

describe('routeProjectArgv()', () => {
  it.each([
    // Container commands keep their meaning: nothing names a project before the word.
    [
      ['ps', '-a'],
      ['ps', '-a'],
    ],
    [
      ['logs', '-f', 'web'],
      ['logs', '-f', 'web'],
    ],
    [
      ['exec', 'web', 'sh'],
      ['exec', 'web', 'sh'],
    ],
    [
      ['run', '--rm', 'busybox', 'true'],
      ['run', '--rm', 'busybox', 'true'],
    ],
    [
      ['build', '-f', 'Dockerfile', '.'],
      ['build', '-f', 'Dockerfile', '.'],
    ],
    [
      ['up', '-f', 'stack.yml'],
      ['up', '-f', 'stack.yml'],
    ],
    [['--help'], ['--help']],
    [[], []],
    // A project flag before the word routes it to `compose`.
    [
      ['-f', 'stack.yml', 'ps'],
      ['compose', '-f', 'stack.yml', 'ps'],
    ],
    [
      ['--file=stack.yml', 'logs', '-f'],
      ['compose', '--file=stack.yml', 'logs', '-f'],
    ],
    [
      ['-p', 'shop', 'logs', '-f', 'web'],
      ['compose', '-p', 'shop', 'logs', '-f', 'web'],
    ],
    [
      ['-pshop', 'ps'],
      ['compose', '-pshop', 'ps'],
    ],
    [
      ['-f', 'a.yml', '-f', 'b.yml', '--profile', 'debug', 'exec', 'web', 'sh'],
      ['compose', '-f', 'a.yml', '-f', 'b.yml', '--profile', 'debug', 'exec', 'web', 'sh'],
    ],
    [
      ['--env-file', '.env.prod', 'up'],
      ['compose', '--env-file', '.env.prod', 'up'],
    ],
    [
      ['--project-directory', 'x', 'down'],
      ['compose', '--project-directory', 'x', 'down'],
    ],
    [
      ['-f', 'stack.yml'],
      ['compose', '-f', 'stack.yml'],
    ],
  ])('%j → %j', (argv, routed) => {
    expect(routeProjectArgv(argv)).toEqual(routed);
  });
});

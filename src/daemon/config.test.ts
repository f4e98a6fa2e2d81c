import { describe, expect, it } from 'vitest';
import { resolveDaemonConfig } from './config.js';

describe('resolveDaemonConfig()', () => {
  it('fills defaults', () => {
    const c = resolveDaemonConfig({}, {}, '/');
    expect(c).toMatchObject({
      root: '/var/lib/tsorch',
      run: '/run/tsorch',
      socketPath: '/run/tsorch/tsorch.sock',
      runtime: 'runc',
      dataPathPort: 4789,
      minCertExpiryMs: 3_600_000,
      clockOffsetMs: 0,
    });
  });

  it('reads the test seams --min-cert-expiry and a signed --clock-offset', () => {
    const c = resolveDaemonConfig({ minCertExpiry: '10s', clockOffset: '-2h' }, {}, '/');
    expect(c.minCertExpiryMs).toBe(10_000);
    expect(c.clockOffsetMs).toBe(-7_200_000);
  });

  it('takes TSORCH_ROOT and TSORCH_RUN, and flags over them, relative to cwd', () => {
    const env = { TSORCH_ROOT: '/e/root', TSORCH_RUN: '/e/run' };
    expect(resolveDaemonConfig({}, env, '/').root).toBe('/e/root');
    const c = resolveDaemonConfig({ root: 'r', run: '/f/run' }, env, '/cwd');
    expect(c.root).toBe('/cwd/r');
    expect(c.socketPath).toBe('/f/run/tsorch.sock');
  });

  it.each([
    [
      { runtime: 'docker' },
      'Invalid value for --runtime: "docker" is not a supported runtime: use runc or crun',
    ],
    [
      { dataPathPort: '70000' },
      'Invalid value for --data-path-port: "70000" is not a port number (1-65535)',
    ],
    [{ logLevel: 'loud' }, 'Invalid value for --log-level: "loud": use debug, info, warn or error'],
    [{ root: '' }, 'Invalid value for --root: empty path'],
    [{ clockOffset: '-2x' }, 'Invalid duration "2x" for --clock-offset'],
  ])('rejects %o naming the flag', (flags, message) => {
    expect(() => resolveDaemonConfig(flags, {}, '/')).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { daemonAddress, unreachable } from './client.js';

describe('daemonAddress()', () => {
  it.each([
    [{}, 'unix:/run/tsorch/tsorch.sock'],
    [{ TSORCH_RUN: '/tmp/r' }, 'unix:/tmp/r/tsorch.sock'],
    [{ TSORCH_HOST: 'unix:///tmp/s.sock' }, 'unix:/tmp/s.sock'],
    [{ TSORCH_HOST: 'tcp://10.0.0.1:2377' }, '10.0.0.1:2377'],
  ])('%j → %s', (env, address) => {
    expect(daemonAddress(env)).toBe(address);
  });
});

describe('unreachable()', () => {
  it('points a remote CLI at the address and its certificates, a local one at the daemon', () => {
    expect(unreachable('10.0.0.1:2377').hint).toContain('--tlscacert');
    expect(unreachable('unix:/run/tsorch/tsorch.sock').hint).toContain('tsorch daemon');
  });
});

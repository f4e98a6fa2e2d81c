import { describe, expect, it } from 'vitest';
import {
  applyHealthResult,
  initialHealth,
  nextProbeDelayMs,
  probeArgv,
  healthDefaults,
} from './state.js';

const r = (exitCode: number, output = '') => ({ start: 's', end: 'e', exitCode, output });

describe('health state machine', () => {
  it('turns healthy on the first success', () => {
    const s = applyHealthResult(initialHealth(), r(0), { retries: 3, inStartPeriod: false });
    expect(s.status).toBe('healthy');
  });
  it('turns unhealthy after `retries` consecutive failures', () => {
    let s = initialHealth();
    for (let i = 0; i < 2; i += 1)
      s = applyHealthResult(s, r(1), { retries: 3, inStartPeriod: false });
    expect(s).toMatchObject({ status: 'starting', failingStreak: 2 });
    s = applyHealthResult(s, r(1), { retries: 3, inStartPeriod: false });
    expect(s).toMatchObject({ status: 'unhealthy', failingStreak: 3 });
    s = applyHealthResult(s, r(0), { retries: 3, inStartPeriod: false });
    expect(s).toMatchObject({ status: 'healthy', failingStreak: 0 });
  });
  it('does not count failures during the start period', () => {
    let s = initialHealth();
    for (let i = 0; i < 5; i += 1)
      s = applyHealthResult(s, r(1), { retries: 1, inStartPeriod: true });
    expect(s).toMatchObject({ status: 'starting', failingStreak: 0 });
    expect(s.log).toHaveLength(5);
  });
  it('keeps the last 5 results, output truncated', () => {
    let s = initialHealth();
    for (let i = 0; i < 7; i += 1)
      s = applyHealthResult(s, r(0, 'x'.repeat(10_000)), { retries: 3, inStartPeriod: false });
    expect(s.log).toHaveLength(5);
    expect(s.log[0]?.output.length).toBe(4096);
  });
  it('probes at the start interval while starting in the start period', () => {
    const cfg = {
      ...healthDefaults,
      test: ['CMD', 'true'],
      intervalMs: 1000,
      startIntervalMs: 100,
    };
    expect(nextProbeDelayMs(cfg, initialHealth(), true)).toBe(100);
    expect(nextProbeDelayMs(cfg, initialHealth(), false)).toBe(1000);
  });
  it('builds the probe command', () => {
    expect(probeArgv(['CMD-SHELL', 'test -f /ok'])).toEqual(['/bin/sh', '-c', 'test -f /ok']);
    expect(probeArgv(['CMD', 'true'])).toEqual(['true']);
    expect(probeArgv(['NONE'])).toBeUndefined();
    expect(() => probeArgv(['BOGUS'])).toThrow(/Invalid health check test/);
  });
});

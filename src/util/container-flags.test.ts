import { describe, expect, it } from 'vitest';
import {
  parseCpus,
  cpusToQuota,
  parseBytes,
  parseDurationMs,
  parseVolumeFlag,
} from './container-flags.js';

describe('parseVolumeFlag()', () => {
  it.each([
    ['data:/var/lib', { type: 'volume', name: 'data', target: '/var/lib', readonly: false }],
    ['data:/var/lib:ro', { type: 'volume', name: 'data', target: '/var/lib', readonly: true }],
    ['/srv:/srv:rw', { type: 'bind', source: '/srv', target: '/srv', readonly: false }],
    ['/cache', { type: 'volume', name: undefined, target: '/cache', readonly: false }],
  ])('parses %s', (text, want) => {
    expect(parseVolumeFlag(text)).toEqual(want);
  });
  it.each(['relative', 'data:rel', 'data:/x:rx', 'a:/b:ro:x', ':/x'])('rejects %s', (text) => {
    expect(() => parseVolumeFlag(text)).toThrow(/Invalid volume specification/);
  });
});

describe('durations and sizes', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2h', 7_200_000],
  ])('parseDurationMs(%s)', (t, ms) => {
    expect(parseDurationMs(t, 'x')).toBe(ms);
  });
  it('rejects bad durations naming the field', () => {
    expect(() => parseDurationMs('10', '--health-interval')).toThrow(/--health-interval/);
  });
  it.each([
    ['64m', 64 * 1024 * 1024],
    ['1g', 1024 ** 3],
    ['512k', 524_288],
    ['100', 100],
  ])('parseBytes(%s)', (t, n) => {
    expect(parseBytes(t, 'x')).toBe(n);
  });
  it('rejects bad sizes naming the flag', () => {
    expect(() => parseBytes('lots', '--memory')).toThrow(/--memory/);
  });
});

describe('cpusToQuota()', () => {
  it('spreads --cpus over the 100 ms CFS period', () => {
    expect(cpusToQuota(0.5)).toEqual({ cpuQuotaUs: 50_000, cpuPeriodUs: 100_000 });
  });
  it.each([0, -1, Number.NaN])('rejects %s', (cpus) => {
    expect(() => cpusToQuota(cpus)).toThrow(/Invalid CPU count/);
  });
});

describe('parseCpus()', () => {
  it('reads a decimal CPU count', () => {
    expect(parseCpus('1.5', '--cpus')).toEqual({ cpuQuotaUs: 150_000, cpuPeriodUs: 100_000 });
  });
  it.each(['abc', '', '0', '-1', '1e3x'])('rejects "%s" naming the flag, never "NaN"', (text) => {
    expect(() => parseCpus(text, '--cpus')).toThrow(
      `Invalid value "${text}" for --cpus: must be a number above 0`,
    );
  });
});

describe('parseVolumeFlag() targets', () => {
  it.each(['/x:/', '/x://', 'data:/:ro'])('refuses "%s": a mount over the root filesystem', (v) => {
    expect(() => parseVolumeFlag(v)).toThrow(/cannot be "\/"/);
  });
});

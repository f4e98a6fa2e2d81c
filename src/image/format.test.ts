import { describe, expect, it } from 'vitest';
import { humanAge, humanSize, splitTag, table } from './format.js';

describe('format', () => {
  it.each([
    [0, '0B'],
    [512, '512B'],
    [500_000, '500kB'],
    [10_000_000, '10MB'],
    [2_020_711, '2.02MB'],
    [64 * 1024 * 1024, '67.1MB'],
    [1_000_000_000, '1GB'],
  ])('humanSize(%d) is %s', (n, want) => {
    expect(humanSize(n)).toBe(want);
  });

  it.each([
    [500, 'Less than a second ago'],
    [30_000, '30 seconds ago'],
    [3_600_000, '1 hour ago'],
    [3 * 86_400_000, '3 days ago'],
    [800 * 86_400_000, '2 years ago'],
  ])('humanAge(%d) is %s', (ms, want) => {
    expect(humanAge(ms)).toBe(want);
  });

  it('splits tags, keeping registry ports in the repository', () => {
    expect(splitTag('busybox:test')).toEqual(['busybox', 'test']);
    expect(splitTag('127.0.0.1:5000/app:v1')).toEqual(['127.0.0.1:5000/app', 'v1']);
    expect(splitTag('127.0.0.1:5000/app')).toEqual(['127.0.0.1:5000/app', '<none>']);
  });

  it('aligns table columns', () => {
    expect(table(['A', 'BB'], [['xxx', 'y']])).toBe('A     BB\nxxx   y\n');
  });
});

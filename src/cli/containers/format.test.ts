import { describe, expect, it } from 'vitest';
import { formatBytes } from './format.js';

describe('formatBytes()', () => {
  it.each([
    [0, '0B'],
    [12, '12B'],
    [780 * 1024, '780KiB'],
    [100 * 1024, '100KiB'],
    [1.5 * 1024 * 1024, '1.5MiB'],
    [10 * 1024 * 1024, '10MiB'],
    [64 * 1024 * 1024, '64MiB'],
    [1024 * 1024 * 1024, '1GiB'],
  ])('formats %d bytes as %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

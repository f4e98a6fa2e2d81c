import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostDescription } from './worker.js';

describe('hostDescription()', () => {
  it('describes this host with OCI platform names and its runtime', () => {
    const d = hostDescription('crun');
    expect(d.hostname).toBe(hostname());
    expect(d.platform.os).toBe('linux');
    expect(d.platform.architecture).not.toBe('x64');
    expect(d.resources.nanoCpus % 1_000_000_000).toBe(0);
    expect(d.resources.nanoCpus).toBeGreaterThan(0);
    expect(d.resources.memoryBytes).toBeGreaterThan(0);
    expect(d.engine.runtime).toBe('crun');
  });
});

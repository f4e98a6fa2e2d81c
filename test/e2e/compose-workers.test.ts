/**
 * examples/workers on the embedded default: the one-off seed job completes before the
 * replicated workers and the global monitor start; they find each other by name; an edit of the
 * monitor recreates only the monitor (the job does not run again); down leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { embeddedExample, upEditDown } from '../helpers/embedded-stack.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';

describe('tsorch up: examples/workers', () => {
  const cleanup = useCleanup();

  it('up -d --wait, job then pool, names, edit, up, down', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox', 'iptables-save', 'ip');
    const stack = embeddedExample(cleanup, 'workers');
    let seeded = '';
    await upEditDown(stack, {
      project: 'workers',
      async probe(s) {
        const ps = await s.ok(['compose', 'ps', '-a', '--format', '{{.service}} {{.state}}']);
        const states = ps.split('\n').filter((l) => l !== '');
        expect(
          states.filter((l) => l.startsWith('worker ')).every((l) => l === 'worker running'),
        ).toBe(true);
        expect(states.filter((l) => l === 'worker running')).toHaveLength(3);
        expect(states.filter((l) => l === 'monitor running')).toHaveLength(1);
        // The job ran once, and succeeded, before the others started.
        const seed = states.filter((l) => l.startsWith('seed '));
        expect(seed).toEqual(['seed complete (0)']);
        const logs = await s.ok(['compose', 'logs', 'seed']);
        expect(logs).toContain('seeded');
        seeded ||= logs;
        expect(logs).toBe(seeded);
        // By name: every worker replica's address from the monitor.
        const lookup = await s.ok(['compose', 'exec', 'monitor', 'nslookup', 'tasks.worker']);
        expect(lookup.match(/Address:?\s+\d+\.\d+\.\d+\.\d+/g)?.length).toBeGreaterThanOrEqual(3);
        expect(await s.ok(['compose', 'exec', 'worker', 'nslookup', 'monitor'])).toMatch(
          /Address:?\s+\d+\.\d+\.\d+\.\d+/,
        );
      },
      edit: { service: 'monitor', from: 'sleep 5; done', to: 'sleep 4; done' },
    });
  });
});

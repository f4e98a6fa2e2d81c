import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile.js';
import { NOW_MS, node, options, service, summary } from './testing.js';
import type { ServiceMode } from '../../store/index.js';

describe('reconcile()', () => {
  it.each<[ServiceMode, string[]]>([
    [{ kind: 'replicated', replicas: 2 }, ['create t1 slot=1 node=', 'create t2 slot=2 node=']],
    [{ kind: 'global' }, ['create t1 slot=0 node=n1', 'create t2 slot=0 node=n2']],
    [{ kind: 'replicated-job', totalCompletions: 3, maxConcurrent: 1 }, ['create t1 slot=1 node=']],
    [{ kind: 'global-job' }, ['create t1 slot=0 node=n1', 'create t2 slot=0 node=n2']],
  ])('runs the orchestrator of mode %o', (mode, expected) => {
    const snapshot = { service: service(mode), tasks: [], nodes: [node('n1'), node('n2')] };
    expect(summary(reconcile(snapshot, NOW_MS, options()))).toEqual(expected);
  });

  it('returns the same actions for the same inputs', () => {
    const snapshot = {
      service: service({ kind: 'replicated', replicas: 3 }),
      tasks: [],
      nodes: [node('n1')],
    };
    expect(reconcile(snapshot, NOW_MS, options())).toEqual(reconcile(snapshot, NOW_MS, options()));
  });
});

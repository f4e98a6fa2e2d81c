import { beforeEach, describe, expect, it } from 'vitest';
import { LocalProposer, Store, type Task } from '../../store/index.js';
import { makeNode, makeService, makeTask } from '../../store/testing.js';
import { explainPending } from './explain.js';
import { listServices, listTasks, serviceCounts, taskName } from './queries.js';

let store: Store;

beforeEach(async () => {
  store = new Store();
  store.setProposer(new LocalProposer(store));
  await store.update((tx) => {
    tx.create(
      'services',
      makeService('s-web', 'web', {
        spec: {
          ...makeService('s-web', 'web').spec,
          labels: { tier: 'front' },
          mode: { kind: 'replicated', replicas: 3 },
        },
      }),
    );
    tx.create(
      'services',
      makeService('s-agent', 'agent', {
        spec: { ...makeService('s-agent', 'agent').spec, mode: { kind: 'global' } },
      }),
    );
    tx.create('services', makeService('s-gone', 'gone', { pendingDelete: true }));
    tx.create('nodes', makeNode('n1', 'node-a'));
    tx.create('nodes', makeNode('n2', 'node-b'));
    tx.create('tasks', makeTask('t1', 's-web', 1, { state: 'RUNNING', nodeId: 'n1' }));
    tx.create('tasks', makeTask('t2', 's-web', 2, { state: 'RUNNING', nodeId: 'n2' }));
    tx.create(
      'tasks',
      makeTask('t0', 's-web', 1, { state: 'FAILED', desiredState: 'SHUTDOWN', nodeId: 'n2' }),
    );
    tx.create('tasks', makeTask('t3', 's-web', 3, { state: 'PENDING' }));
    tx.create('tasks', makeTask('g1', 's-agent', 0, { state: 'RUNNING', nodeId: 'n1' }));
    tx.create('tasks', makeTask('g2', 's-agent', 0, { state: 'STARTING', nodeId: 'n2' }));
  });
});

describe('listServices()', () => {
  it('lists live services by name with their counts', () => {
    const list = store.view((tx) => listServices(tx));
    expect(list.map((l) => [l.service.spec.name, l.counts])).toEqual([
      ['agent', { running: 1, desired: 2, completed: 0 }],
      ['web', { running: 2, desired: 3, completed: 0 }],
    ]);
  });

  it.each([
    [{ names: ['we'] }, ['web']],
    [{ ids: ['s-a'] }, ['agent']],
    [{ labels: ['tier'] }, ['web']],
    [{ labels: ['tier=back'] }, []],
    [{ modes: ['global'] }, ['agent']],
    [{ names: ['web', 'agent'], modes: ['replicated'] }, ['web']],
  ])('filters %j', (filters, names) => {
    expect(store.view((tx) => listServices(tx, filters)).map((l) => l.service.spec.name)).toEqual(
      names,
    );
  });

  it('refuses an unknown mode filter', () => {
    expect(() => store.view((tx) => listServices(tx, { modes: ['sharded'] }))).toThrow(
      'Invalid filter "mode=sharded"',
    );
  });
});

describe('serviceCounts()', () => {
  const t = (state: Task['status']['state'], desired: Task['desiredState'] = 'RUNNING') => ({
    ...makeTask('x', 's', 1, { state, desiredState: desired }),
    meta: { version: 1, createdAt: '', updatedAt: '' },
  });
  it('counts jobs: running, concurrency and completions', () => {
    const job = {
      ...makeService('j', 'job', {
        spec: {
          ...makeService('j', 'job').spec,
          mode: { kind: 'replicated-job', maxConcurrent: 2, totalCompletions: 5 },
        },
      }),
      meta: { version: 1, createdAt: '', updatedAt: '' },
    };
    expect(
      serviceCounts(job, [t('RUNNING'), t('COMPLETE'), t('COMPLETE'), t('FAILED', 'SHUTDOWN')]),
    ).toEqual({
      running: 1,
      desired: 2,
      completed: 2,
    });
  });
});

describe('listTasks()', () => {
  it('lists a service’s tasks by slot, newest first within a slot', () => {
    const tasks = store.view((tx) => listTasks(tx, { services: ['web'] }));
    expect(tasks.map((t) => t.id)).toEqual(['t1', 't0', 't2', 't3']);
  });

  it.each([
    [{ services: ['web'], desiredStates: ['running'] }, ['t1', 't2', 't3']],
    [{ services: ['web'], desiredStates: ['shutdown'] }, ['t0']],
    [{ services: ['web'], nodes: ['node-b'] }, ['t0', 't2']],
    [{ services: ['web'], nodes: ['n1'] }, ['t1']],
    [{ services: ['web'], names: ['web.3'] }, ['t3']],
    [{ nodes: ['n1'] }, ['g1', 't1']],
  ])('filters %j', (filters, ids) => {
    expect(store.view((tx) => listTasks(tx, filters)).map((t) => t.id)).toEqual(ids);
  });

  it('refuses an unknown desired state and a missing service', () => {
    expect(() => store.view((tx) => listTasks(tx, { desiredStates: ['sleeping'] }))).toThrow(
      'Invalid filter "desired-state=sleeping"',
    );
    expect(() => store.view((tx) => listTasks(tx, { services: ['nope'] }))).toThrow(
      'Service "nope" not found',
    );
  });

  it('names tasks as Docker does', () => {
    const [t1, g1] = store.view((tx) => [tx.get('tasks', 't1'), tx.get('tasks', 'g1')]);
    expect(t1 && taskName(t1, 'web')).toBe('web.1');
    expect(g1 && taskName(g1, 'agent')).toBe('agent.n1');
  });
});

describe('explainPending()', () => {
  it('says which filter excluded each node for a pending task', async () => {
    await store.update((tx) => {
      const t3 = tx.get('tasks', 't3');
      if (t3 === undefined) throw new Error('gone');
      const spec = structuredClone(t3.spec);
      spec.resources = { reservations: { nanoCpus: 0, memoryBytes: 64 * 1024 ** 3 } };
      spec.placement.constraints = ['node.hostname!=node-a'];
      tx.update('tasks', {
        ...structuredClone(t3),
        spec,
        status: { ...t3.status, message: 'no suitable node (stored)' },
      });
    });
    const [e] = store.view((tx) => explainPending(tx, 'web', Date.parse('2026-01-01')));
    expect(e?.taskId).toBe('t3');
    expect(e?.storedMessage).toBe('no suitable node (stored)');
    expect(e?.explanation?.nodes.map((n) => [n.hostname, n.filter])).toEqual([
      ['node-a', 'constraints'],
      ['node-b', 'memory'],
    ]);
  });

  it('has no explanation for a task a node would take now', () => {
    const [e] = store.view((tx) => explainPending(tx, 'web', Date.parse('2026-01-01')));
    expect(e).toMatchObject({ taskId: 't3', explanation: undefined });
  });

  it('returns nothing for a service without pending tasks', () => {
    expect(store.view((tx) => explainPending(tx, 'agent', 0))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../store/index.js';
import { node, service, task } from '../orchestrator/testing.js';
import { planReap } from './reap.js';

function reap(
  tasks: { id: string; state: TaskState; desired: TaskState; node?: string; serviceId?: string }[],
  extra: { pendingDelete?: boolean } = {},
): { deleted: string[]; stopped: string[]; services: string[] } {
  const svc = service(
    { kind: 'replicated', replicas: 1 },
    {},
    { pendingDelete: extra.pendingDelete ?? false },
  );
  const plan = planReap({
    services: [svc],
    nodes: [node('n1')],
    tasks: tasks.map((t) => ({ ...task(t.id, t), serviceId: t.serviceId ?? 'svc' })),
  });
  return {
    deleted: plan.deleteTasks.map((d) => d.id),
    stopped: plan.stopTasks.map((t) => t.id),
    services: plan.deleteServices.map((d) => d.id),
  };
}

describe('planReap()', () => {
  // Each row: what the task is ("STATE DESIRED NODE SERVICE", "-" for no node), and its fate.
  it.each([
    ['a stopped task desired REMOVE', 'FAILED REMOVE n1 svc', 'delete'],
    ['a running task desired REMOVE (its agent stops it first)', 'RUNNING REMOVE n1 svc', 'keep'],
    ['a task shut down before it reached an agent', 'PENDING SHUTDOWN - svc', 'delete'],
    ['an assigned task desired SHUTDOWN (its agent reports)', 'ASSIGNED SHUTDOWN n1 svc', 'keep'],
    ['a stopped task whose node left', 'SHUTDOWN SHUTDOWN gone svc', 'delete'],
    ['a running task whose node left, desired SHUTDOWN', 'RUNNING SHUTDOWN gone svc', 'delete'],
    ['a live task whose node left (the orchestrator stops it)', 'RUNNING RUNNING gone svc', 'keep'],
    ['a stopped task of a deleted service', 'COMPLETE RUNNING n1 old', 'delete'],
    ['a live task of a deleted service', 'RUNNING RUNNING n1 old', 'stop'],
    ['a live task', 'RUNNING RUNNING n1 svc', 'keep'],
  ] as const)('%s: %s → %s', (_name, row, fate) => {
    const [state, desired, where, serviceId] = row.split(' ') as [
      TaskState,
      TaskState,
      string,
      string,
    ];
    const node = where === '-' ? '' : where;
    const out = reap([{ id: 'x', state, desired, node, serviceId }]);
    expect(out.deleted).toEqual(fate === 'delete' ? ['x'] : []);
    expect(out.stopped).toEqual(fate === 'stop' ? ['x'] : []);
  });

  it('deletes a service being removed once its last task is gone', () => {
    expect(reap([], { pendingDelete: true }).services).toEqual(['svc']);
    expect(
      reap([{ id: 'x', state: 'RUNNING', desired: 'SHUTDOWN' }], { pendingDelete: true }).services,
    ).toEqual([]);
    expect(
      reap([{ id: 'x', state: 'SHUTDOWN', desired: 'REMOVE' }], { pendingDelete: true }).services,
    ).toEqual(['svc']);
    expect(reap([]).services).toEqual([]);
  });
});

describe('planReap() for networks being removed', () => {
  const net = (id: string, pendingDelete: boolean) => ({
    id,
    meta: { version: 3, createdAt: '', updatedAt: '' },
    spec: {
      name: id,
      labels: {},
      driver: 'overlay' as const,
      ipam: [],
      attachable: false,
      internal: false,
      ipv6: false,
      ingress: false,
    },
    ipam: [],
    pendingDelete,
  });
  const on = (state: TaskState, networkId: string) => ({
    ...task('t', { state, desired: 'REMOVE', node: 'n1' }),
    networks: [{ networkId, addresses: ['10.0.0.2/20'], aliases: [] }],
  });
  const plan = (tasks: ReturnType<typeof on>[], networks: ReturnType<typeof net>[]) =>
    planReap({ services: [], nodes: [node('n1')], tasks, networks }).deleteNetworks;

  it('deletes one once no unstopped task holds it, and leaves the others', () => {
    expect(plan([on('RUNNING', 'gone')], [net('gone', true)])).toEqual([]);
    expect(plan([on('SHUTDOWN', 'gone')], [net('gone', true)])).toEqual([
      { id: 'gone', version: 3 },
    ]);
    expect(plan([], [net('kept', false)])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ServiceInfo__Output } from '../../api/gen/tsorch/v1/ServiceInfo.js';
import type { ServiceTask__Output } from '../../api/gen/tsorch/v1/ServiceTask.js';
import { eventLine, explanationText, portText, replicasText, taskError } from './render.js';
import { createSpec, type CreateFlags } from './spec-flags.js';

function info(flags: CreateFlags, counts: [number, number, number]): ServiceInfo__Output {
  return {
    id: 'x',
    version: '1',
    createdAt: '',
    updatedAt: '',
    spec: createSpec('nginx', [], flags),
    previousSpec: null,
    specVersion: '1',
    ports: [],
    virtualIps: [],
    updateStatus: null,
    runningTasks: String(counts[0]),
    desiredTasks: String(counts[1]),
    completedTasks: String(counts[2]),
  };
}

describe('replicasText()', () => {
  it.each<[string, CreateFlags, [number, number, number], string]>([
    ['replicated', { replicas: '6' }, [4, 6, 0], '4/6'],
    ['replicated, max per node', { replicasMaxPerNode: '2' }, [1, 1, 0], '1/1 (max 2 per node)'],
    ['global', { mode: 'global' }, [3, 3, 0], '3/3'],
    ['replicated job', { mode: 'replicated-job', replicas: '5' }, [1, 2, 3], '1/2 (3/5 completed)'],
    ['global job', { mode: 'global-job' }, [0, 2, 2], '0/2 (2/2 completed)'],
  ])('shows a %s service as Docker does', (_, flags, counts, text) => {
    expect(replicasText(info(flags, counts))).toBe(text);
  });
});

describe('portText()', () => {
  it('shows published and allocated ports', () => {
    const p = { name: '', protocol: 'tcp', targetPort: 80, publishMode: 'ingress' };
    expect(portText({ ...p, publishedPort: 8080, hostIp: '' })).toBe('*:8080->80/tcp');
    expect(portText({ ...p, publishedPort: 0, hostIp: '127.0.0.1' })).toBe('127.0.0.1:->80/tcp');
  });
});

describe('taskError()', () => {
  const task = (state: string, err: string, message: string) =>
    ({ state, err, message }) as ServiceTask__Output;
  it.each([
    [task('FAILED', 'task: non-zero exit (1)', ''), 'task: non-zero exit (1)'],
    [
      task('PENDING', '', 'no suitable node (1 node not available)'),
      'no suitable node (1 node not available)',
    ],
    [task('PENDING', '', 'pending task scheduling'), ''],
    [task('RUNNING', '', 'started'), ''],
  ])('shows the error or the pending reason', (t, text) => {
    expect(taskError(t)).toBe(text);
  });
});

describe('explanationText()', () => {
  it('prints each pending task with the scheduler’s lines', () => {
    expect(
      explanationText([
        {
          taskId: 'abcdefabcdefabcdef',
          taskName: 'web.2',
          storedMessage: '',
          fitsNow: false,
          message: 'no suitable node (1 node not available)',
          nodes: [],
          lines: ['no suitable node (1 node not available)', '  a (n1): ready: node is down'],
        },
        {
          taskId: 't2',
          taskName: 'web.3',
          storedMessage: '',
          fitsNow: true,
          message: '',
          nodes: [],
          lines: [],
        },
      ]),
    ).toBe(
      'web.2 (abcdefabcdef): no suitable node (1 node not available)\n  a (n1): ready: node is down\n' +
        "web.3 (t2): a node fits now; the task waits for the scheduler's next pass\n",
    );
    expect(explanationText([])).toBe('No pending tasks\n');
  });
});

describe('eventLine()', () => {
  it('prints TIME TYPE ACTION ID (attributes sorted)', () => {
    expect(
      eventLine({
        type: 'task',
        action: 'update',
        id: 't1',
        version: '7',
        time: '2026-01-01T00:00:00.000Z',
        attributes: { state: 'running', name: 'web.1', 'state.old': 'starting' },
      }),
    ).toBe(
      '2026-01-01T00:00:00.000Z task update t1 (name=web.1, state=running, state.old=starting)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { loadComposeProject } from '../../test/helpers/compose.js';
import { stackSpecs } from '../manager/stack/index.js';
import type { Task } from '../store/index.js';
import { makeTask } from '../store/testing.js';
import { taskContainerConfig, taskResources } from './task-config.js';

function task(over: Partial<Task> = {}): Task {
  return {
    ...makeTask('t1', 's1', 2, { nodeId: 'n1' }),
    meta: { version: 1, createdAt: '', updatedAt: '' },
    ...over,
  };
}

describe('taskResources()', () => {
  it.each([
    [{}, {}],
    [
      { limits: { nanoCpus: 500_000_000, memoryBytes: 64 << 20, pids: 50 } },
      { cpuQuotaUs: 50_000, cpuPeriodUs: 100_000, memoryBytes: 64 << 20, pidsLimit: 50 },
    ],
    [
      { reservations: { nanoCpus: 2e9, memoryBytes: 32 << 20 } },
      { memoryReservationBytes: 32 << 20 },
    ],
    [{ limits: { nanoCpus: 0, memoryBytes: 0 } }, {}],
  ] as const)('turns %o into cgroup settings %o', (requirements, expected) => {
    expect(taskResources(requirements)).toEqual(expected);
  });
});

describe('taskContainerConfig()', () => {
  it('runs the task template as it is, named and labelled as Swarm does, never restarted by the node', () => {
    const t = task();
    const c = taskContainerConfig(t);
    expect(c).toMatchObject({
      image: 'busybox:latest',
      name: 'svc.2.t1',
      restartPolicy: { name: 'no', maxRetries: 0 },
      autoRemove: false,
      healthOnFailure: 'none',
      networkMode: 'bridge',
      labels: {
        'com.docker.swarm.task.id': 't1',
        'com.docker.swarm.service.id': 's1',
        'com.docker.swarm.node.id': 'n1',
      },
    });
  });

  it('carries a compose service through to the container the node runs', () => {
    const yaml = `name: demo
services:
  web:
    image: busybox
    command: ['httpd', '-f']
    working_dir: /srv
    environment: { MODE: prod }
    volumes: ['data:/data:ro']
    stop_grace_period: 3s
    deploy:
      resources: { limits: { cpus: '0.5', memory: 64M } }
volumes:
  data: {}
`;
    const [service] = stackSpecs(loadComposeProject({ text: yaml }), {
      target: 'compose',
    }).services;
    if (service === undefined) throw new Error('no service');
    const c = taskContainerConfig(task({ spec: service.task }));
    expect(c).toMatchObject({
      image: 'busybox',
      cmd: ['httpd', '-f'],
      workingDir: '/srv',
      env: ['MODE=prod'],
      mounts: [{ type: 'volume', name: 'demo_data', target: '/data', readonly: true }],
      stopTimeoutS: 3,
      resources: { cpuQuotaUs: 50_000, cpuPeriodUs: 100_000, memoryBytes: 64 << 20 },
      labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web' },
    });
  });
});

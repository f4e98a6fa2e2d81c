import { describe, expect, it } from 'vitest';
import type { NetworkEndpoints, PortConfig, Task } from '../../store/index.js';
import { makeTask } from '../../store/testing.js';
import { meshNodePlan, meshPeers, type LocalTask } from './plan.js';

const port = (p: Partial<PortConfig>): PortConfig => ({
  protocol: 'tcp',
  targetPort: 80,
  publishedPort: 8080,
  publishMode: 'ingress',
  ...p,
});

const ingress: NetworkEndpoints = {
  id: 'ing',
  tasks: [
    {
      taskId: 't1',
      taskName: 'web.1',
      serviceId: 'web',
      serviceName: 'web',
      nodeId: 'n1',
      addr: '10.255.0.5',
      aliases: [],
      ready: true,
    },
    {
      taskId: 't2',
      taskName: 'web.2',
      serviceId: 'web',
      serviceName: 'web',
      nodeId: 'n2',
      addr: '10.255.0.6',
      aliases: [],
      ready: false,
    },
    {
      taskId: 't3',
      taskName: 'dns.1',
      serviceId: 'dns',
      serviceName: 'dns',
      nodeId: 'n2',
      addr: '10.255.0.7',
      aliases: [],
      ready: true,
    },
  ],
  services: [
    {
      serviceId: 'web',
      serviceName: 'web',
      endpointMode: 'vip',
      vip: '10.255.0.3',
      ports: [port({}), port({ protocol: 'sctp', publishedPort: 9 })],
    },
    {
      serviceId: 'dns',
      serviceName: 'dns',
      endpointMode: 'vip',
      vip: '10.255.0.4',
      ports: [port({ protocol: 'udp', publishedPort: 53, targetPort: 53, hostIp: '192.0.2.1' })],
    },
  ],
  nodes: [
    { nodeId: 'n1', addr: '192.0.2.1', networkAddr: '10.255.0.2' },
    { nodeId: 'n2', addr: '192.0.2.2' },
  ],
};

function localTask(
  id: string,
  state: 'RUNNING' | 'STARTING',
  ports: PortConfig[],
  networks: Task['networks'] = [{ networkId: 'n', addresses: ['10.0.1.9/24'], aliases: [] }],
): LocalTask {
  const task: Task = {
    ...makeTask(id, 'db', 1, { state: 'ASSIGNED' }),
    meta: { version: 1, createdAt: '', updatedAt: '' },
    networks,
    endpoint: { spec: { mode: 'vip', ports }, ports, virtualIps: [] },
  };
  return { task, state };
}

describe('meshNodePlan()', () => {
  it('spreads each ingress port over the ready tasks of its service only', () => {
    const plan = meshNodePlan({ ingress, bridge: 'tsi1', subnet: '10.255.0.0/16', localTasks: [] });
    expect(plan).toEqual({
      bridge: 'tsi1',
      subnet: '10.255.0.0/16',
      ports: [
        {
          proto: 'tcp',
          hostIp: undefined,
          publishedPort: 8080,
          targetPort: 80,
          backends: ['10.255.0.5'],
        },
        {
          proto: 'udp',
          hostIp: '192.0.2.1',
          publishedPort: 53,
          targetPort: 53,
          backends: ['10.255.0.7'],
        },
      ],
    });
  });

  it('binds host-mode ports of running local tasks to the task, nothing else', () => {
    const hostPort = port({ publishMode: 'host', publishedPort: 5432, targetPort: 5432 });
    const plan = meshNodePlan({
      localTasks: [localTask('a', 'RUNNING', [hostPort]), localTask('b', 'STARTING', [hostPort])],
    });
    expect(plan.ports).toEqual([
      {
        proto: 'tcp',
        hostIp: undefined,
        publishedPort: 5432,
        targetPort: 5432,
        backends: ['10.0.1.9'],
      },
    ]);
  });
});

describe('meshNodePlan() without an endpoint list', () => {
  it("spreads an ingress port over the node's running tasks on the ingress network", () => {
    const on = (addr: string): Task['networks'] => [
      { networkId: 'ing', addresses: [addr], aliases: [] },
    ];
    const plan = meshNodePlan({
      ingressId: 'ing',
      localTasks: [
        localTask('a', 'RUNNING', [port({})], on('10.255.0.5/16')),
        localTask('b', 'RUNNING', [port({})], on('10.255.0.6/16')),
        localTask('c', 'STARTING', [port({})], on('10.255.0.7/16')),
      ],
    });
    expect(plan.ports).toEqual([
      {
        proto: 'tcp',
        hostIp: undefined,
        publishedPort: 8080,
        targetPort: 80,
        backends: ['10.255.0.5', '10.255.0.6'],
      },
    ]);
  });
});

describe('meshPeers()', () => {
  it('lists the nodes with an ingress address and the MAC their bridge carries', () => {
    expect(meshPeers(ingress)).toEqual([{ addr: '10.255.0.2', mac: '02:42:0a:ff:00:02' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildNodeStates, buildTaskContext } from '../state.js';
import { CPU, GIB, testNode, testPlaced, testRequirements, testView } from '../testing.js';
import type { NodeInfo, PlacedTask, Requirements } from '../types.js';
import { FILTERS, formatCpus, formatMemory } from './builtin.js';

interface Case {
  filter: string;
  node?: Partial<NodeInfo>;
  placed?: Partial<PlacedTask>[];
  requirements: Partial<Requirements>;
  /** `true` when the node passes, else the filter's description of the failure. */
  outcome: true | string;
}

const cases: [string, Case][] = [
  ['a ready active node passes ready', { filter: 'ready', requirements: {}, outcome: true }],
  [
    'a down node fails ready',
    { filter: 'ready', node: { state: 'down' }, requirements: {}, outcome: 'node is down' },
  ],
  [
    'a drained node fails ready',
    {
      filter: 'ready',
      node: { availability: 'drain' },
      requirements: {},
      outcome: 'node availability is drain',
    },
  ],
  [
    'a paused node fails ready',
    {
      filter: 'ready',
      node: { availability: 'pause' },
      requirements: {},
      outcome: 'node availability is pause',
    },
  ],
  [
    'x86_64 matches a linux/amd64 platform',
    {
      filter: 'platform',
      node: { platform: { os: 'Linux', architecture: 'x86_64' } },
      requirements: { platforms: [{ os: 'linux', architecture: 'amd64' }] },
      outcome: true,
    },
  ],
  [
    'arm64 fails a linux/amd64 platform',
    {
      filter: 'platform',
      node: { platform: { os: 'linux', architecture: 'arm64' } },
      requirements: {
        platforms: [
          { os: 'linux', architecture: 'amd64' },
          { os: 'windows', architecture: '' },
        ],
      },
      outcome: 'platform linux/arm64 is not one of linux/amd64, windows/',
    },
  ],
  [
    'a matching constraint passes',
    {
      filter: 'constraints',
      node: { labels: { zone: 'east' } },
      requirements: { constraints: ['node.labels.zone==east', 'node.role!=manager'] },
      outcome: true,
    },
  ],
  [
    'the failed constraints are named',
    {
      filter: 'constraints',
      node: { role: 'manager' },
      requirements: { constraints: ['node.labels.zone==east', 'node.role!=manager'] },
      outcome: 'constraint "node.labels.zone==east", "node.role!=manager" not satisfied',
    },
  ],
  [
    'memory that fits exactly passes',
    {
      filter: 'memory',
      placed: [{ reservations: { nanoCpus: 0, memoryBytes: 6 * GIB } }],
      requirements: { reservations: { nanoCpus: 0, memoryBytes: 2 * GIB } },
      outcome: true,
    },
  ],
  [
    'memory reserved by placed tasks counts',
    {
      filter: 'memory',
      placed: [{ reservations: { nanoCpus: 0, memoryBytes: 7.5 * GIB } }],
      requirements: { reservations: { nanoCpus: 0, memoryBytes: 2 * GIB } },
      outcome: 'needs 2 GiB memory, 512 MiB free',
    },
  ],
  [
    'an over-committed node shows nothing free',
    {
      filter: 'memory',
      placed: [{ reservations: { nanoCpus: 0, memoryBytes: 9 * GIB } }],
      requirements: { reservations: { nanoCpus: 0, memoryBytes: GIB } },
      outcome: 'needs 1 GiB memory, 0 B free',
    },
  ],
  [
    'CPU reserved by placed tasks counts',
    {
      filter: 'cpu',
      placed: [{ reservations: { nanoCpus: 3 * CPU, memoryBytes: 0 } }],
      requirements: { reservations: { nanoCpus: 1.5 * CPU, memoryBytes: 0 } },
      outcome: 'needs 1.5 CPUs, 1 CPU free',
    },
  ],
  [
    'a free host port passes',
    {
      filter: 'ports',
      placed: [{ hostPorts: [{ protocol: 'udp', port: 80 }] }],
      requirements: { hostPorts: [{ protocol: 'tcp', port: 80 }] },
      outcome: true,
    },
  ],
  [
    'a host port in use fails',
    {
      filter: 'ports',
      placed: [{ hostPorts: [{ protocol: 'tcp', port: 80 }] }],
      requirements: {
        hostPorts: [
          { protocol: 'tcp', port: 80 },
          { protocol: 'tcp', port: 81 },
        ],
      },
      outcome: 'host port 80/tcp already in use',
    },
  ],
  [
    'replicas below the limit pass',
    {
      filter: 'max-replicas',
      placed: [{}, { serviceId: 'other' }],
      requirements: { maxReplicasPerNode: 2 },
      outcome: true,
    },
  ],
  [
    'replicas at the limit fail',
    {
      filter: 'max-replicas',
      placed: [{}, {}],
      requirements: { maxReplicasPerNode: 2 },
      outcome: 'runs 2 tasks of the service, max_replicas_per_node is 2',
    },
  ],
];

describe('filters', () => {
  it.each(cases)('%s', (_name, c) => {
    const placed = (c.placed ?? []).map((p, i) => testPlaced(`p${String(i)}`, 'svc', 'n1', p));
    const [node] = buildNodeStates(testView([testNode('n1', c.node)], { tasks: placed }), 0);
    const context = buildTaskContext({
      id: 't',
      serviceId: 'svc',
      specVersion: 1,
      requirements: testRequirements(c.requirements),
    });
    const filter = FILTERS.find((f) => f.name === c.filter);
    if (node === undefined || !context.ok || filter === undefined) throw new Error('bad case');
    expect(filter.enabled(context.value)).toBe(true);
    const passed = filter.check(node, context.value);
    expect(passed ? true : filter.describe(node, context.value)).toBe(c.outcome);
  });

  it.each([
    ['ready', true],
    ['platform', false],
    ['constraints', false],
    ['memory', false],
    ['cpu', false],
    ['ports', false],
    ['max-replicas', false],
  ])('%s is enabled for a task without requirements: %s', (name, enabled) => {
    const context = buildTaskContext({
      id: 't',
      serviceId: 'svc',
      specVersion: 1,
      requirements: testRequirements(),
    });
    const filter = FILTERS.find((f) => f.name === name);
    expect(context.ok && filter?.enabled(context.value)).toBe(enabled);
  });

  it.each([
    ['ready', 1, '1 node not available'],
    ['ready', 2, '2 nodes not available'],
    ['platform', 1, 'unsupported platform on 1 node'],
    ['constraints', 4, 'scheduling constraints not satisfied on 4 nodes'],
    ['memory', 3, 'insufficient memory on 3 nodes'],
    ['cpu', 1, 'insufficient CPU on 1 node'],
    ['ports', 2, 'host-mode port already in use on 2 nodes'],
    ['max-replicas', 5, 'max replicas per node reached on 5 nodes'],
  ])('%s summarises %i excluded nodes', (name, count, text) => {
    expect(FILTERS.find((f) => f.name === name)?.summary(count)).toBe(text);
  });
});

describe('formatMemory() and formatCpus()', () => {
  it.each([
    [100, '100 B'],
    [2048, '2 KiB'],
    [1.5 * 1024 ** 2, '1.5 MiB'],
    [2 * GIB, '2 GiB'],
    [-GIB, '-1 GiB'],
  ])('formats %i bytes as %s', (bytes, text) => {
    expect(formatMemory(bytes)).toBe(text);
  });

  it.each([
    [CPU, '1 CPU'],
    [CPU / 4, '0.25 CPUs'],
    [3 * CPU, '3 CPUs'],
  ])('formats %i nano CPUs as %s', (nano, text) => {
    expect(formatCpus(nano)).toBe(text);
  });
});

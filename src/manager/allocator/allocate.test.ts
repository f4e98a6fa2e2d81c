import { describe, expect, it } from 'vitest';
import { createIpam, rebuildIpam, type Ipam } from '../../net/index.js';
import type { Network, Node, Service, Task } from '../../store/index.js';
import { makeService } from '../../store/testing.js';
import { allocate, pendingTaskMessage } from './allocate.js';
import {
  deepFreeze,
  ingressPort,
  snapshotOf,
  testNetwork,
  testNow,
  testService,
  testNode,
  testTask,
  TestStore,
} from './test-fixtures.js';

const backend = (): Network => testNetwork('n1', 'backend', { subnet: '10.0.3.0/24' });
const web = (options: Parameters<typeof testService>[1] = { networkIds: ['n1'] }): Service =>
  testService(makeService('s1', 'web'), options);

/** A store and an IPAM that stay in step: each pass is committed before the next. */
function cluster(objects: {
  networks?: Network[];
  services?: Service[];
  tasks?: Task[];
  nodes?: Node[];
}): {
  store: TestStore;
  ipam: Ipam;
  pass: (deleted?: Parameters<TestStore['snapshot']>[0]) => ReturnType<typeof allocate>;
} {
  const store = new TestStore();
  store.put(objects);
  const ipam = createIpam();
  const pass = (deleted?: Parameters<TestStore['snapshot']>[0]): ReturnType<typeof allocate> => {
    const result = allocate(store.snapshot(deleted), ipam, {
      publishedPortRange: { first: 30000, last: 30002 },
    });
    store.apply(result.updates);
    return result;
  };
  return { store, ipam, pass };
}

/** `web` on `backend` with one NEW task `t1`. */
function webWithOneTask(): ReturnType<typeof cluster> {
  const service = web();
  return cluster({
    networks: [backend()],
    services: [service],
    tasks: [testTask('t1', service, 1)],
  });
}

describe('allocate() networks', () => {
  it.each([
    {
      driver: 'overlay' as const,
      subnet: '',
      want: { ipam: [{ subnet: '10.0.0.0/20', gateway: '10.0.0.1' }], vni: 4096 },
    },
    {
      driver: 'bridge' as const,
      subnet: '',
      want: { ipam: [{ subnet: '10.0.0.0/20', gateway: '10.0.0.1' }] },
    },
    {
      driver: 'overlay' as const,
      subnet: '10.0.3.0/24',
      want: { ipam: [{ subnet: '10.0.3.0/24', gateway: '10.0.3.1' }], vni: 4096 },
    },
  ])(
    'gives a $driver network asking for "$subnet" its subnet, gateway and VNI',
    ({ driver, subnet, want }) => {
      const network = testNetwork('n1', 'backend', { driver, subnet });
      const { updates, issues } = allocate(
        deepFreeze(snapshotOf({ networks: [network] })),
        createIpam(),
      );
      expect(issues).toEqual([]);
      expect(updates).toEqual([{ table: 'networks', id: 'n1', version: 1, fields: want }]);
    },
  );

  it('writes nothing for a network stored with its allocation', () => {
    const { pass } = cluster({ networks: [backend()] });
    pass();
    expect(pass().updates).toEqual([]);
  });

  it('writes back the VNI of an overlay network stored without one', () => {
    const network: Network = {
      ...backend(),
      ipam: [{ subnet: '10.0.3.0/24', gateway: '10.0.3.1' }],
    };
    const { updates } = allocate(snapshotOf({ networks: [network] }), createIpam());
    expect(updates).toEqual([
      { table: 'networks', id: 'n1', version: 1, fields: { ipam: network.ipam, vni: 4096 } },
    ]);
  });

  it('reports a subnet that overlaps another network', () => {
    const other = testNetwork('n2', 'front', { subnet: '10.0.3.0/25' });
    const { issues } = allocate(snapshotOf({ networks: [backend(), other] }), createIpam());
    expect(issues).toEqual([
      {
        code: 'subnet_overlap',
        networkId: 'n2',
        message:
          'Network "front": subnet "10.0.3.0/25" overlaps "10.0.3.0/24" of network "backend"',
      },
    ]);
  });
});

describe('allocate() services and tasks', () => {
  it('gives a VIP-mode service a VIP on each network and a dnsrr one none', () => {
    const dnsrr = testService(makeService('s2', 'db'), { networkIds: ['n1'], mode: 'dnsrr' });
    const { store, pass } = cluster({ networks: [backend()], services: [web(), dnsrr] });
    expect(pass().issues).toEqual([]);
    expect(store.services.get('s1')?.endpoint?.virtualIps).toEqual([
      { networkId: 'n1', addr: '10.0.3.2/24' },
    ]);
    expect(store.services.get('s2')?.endpoint?.virtualIps).toEqual([]);
    expect(pass().updates).toEqual([]);
  });

  it('gives a NEW task an address on each network and moves it to PENDING', () => {
    const service = web();
    const task: Task = {
      ...testTask('t1', service, 1),
      status: { ...testTask('t1', service, 1).status, err: 'old' },
    };
    const { store, pass } = cluster({ networks: [backend()], services: [service], tasks: [task] });
    pass();
    const stored = store.tasks.get('t1');
    expect(stored?.status).toEqual({
      state: 'PENDING',
      timestamp: testNow,
      message: pendingTaskMessage,
    });
    expect(stored?.networks).toEqual([
      { networkId: 'n1', addresses: ['10.0.3.3/24'], aliases: ['web-alias'] },
    ]);
    expect(stored?.endpoint?.virtualIps).toEqual([{ networkId: 'n1', addr: '10.0.3.2/24' }]);
  });

  it('leaves a task NEW with the reason on it and on the service when the subnet is full', () => {
    const service = web();
    const tasks = Array.from({ length: 253 }, (_, i) =>
      testTask(`t${String(i).padStart(3, '0')}`, service, i + 1),
    );
    const { store, pass } = cluster({ networks: [backend()], services: [service], tasks });
    const message = 'network backend: no free address in 10.0.3.0/24 (254 in use)';
    expect(pass().issues).toEqual([
      { code: 'address_exhausted', message, networkId: 'n1', serviceId: 's1', taskId: 't252' },
    ]);
    expect(store.tasks.get('t252')?.status).toMatchObject({ state: 'NEW', message, err: message });
    expect(store.tasks.get('t251')?.status.state).toBe('PENDING');
    // The reason is written once, not on every pass.
    expect(pass().updates).toEqual([]);
  });

  it('frees the addresses of a task that ended, so a new task gets one', () => {
    const service = web();
    const network = testNetwork('n1', 'backend', { subnet: '10.0.3.0/29' }); // 6 hosts
    const tasks = [1, 2, 3, 4, 5].map((slot) => testTask(`t${slot}`, service, slot));
    const { store, ipam, pass } = cluster({ networks: [network], services: [service], tasks });
    pass();
    expect(store.tasks.get('t5')?.status.state).toBe('NEW');
    const ended = store.tasks.get('t1');
    if (ended === undefined) throw new Error('no t1');
    store.put({ tasks: [{ ...ended, status: { ...ended.status, state: 'FAILED' } }] });
    pass();
    expect(store.tasks.get('t5')?.status.state).toBe('PENDING');
    expect(store.tasks.get('t5')?.networks[0]?.addresses).toEqual(ended.networks[0]?.addresses);
    expect(ipam.usage('n1')).toEqual({ inUseCount: 6, capacity: 6 });
  });

  it('frees the addresses of a deleted task and the VIPs of a deleted service', () => {
    const { store, ipam, pass } = webWithOneTask();
    pass();
    expect(ipam.usage('n1')?.inUseCount).toBe(3);
    store.tasks.delete('t1');
    store.services.delete('s1');
    pass({ taskIds: ['t1'], serviceIds: ['s1'] });
    expect(ipam.usage('n1')?.inUseCount).toBe(1);
  });

  it('empties the endpoint of a service being deleted and frees its VIPs and ports', () => {
    const { store, ipam, pass } = cluster({
      networks: [backend()],
      services: [web({ networkIds: ['n1'], ports: [ingressPort(8080)] })],
    });
    pass();
    const stored = store.services.get('s1');
    if (stored === undefined) throw new Error('no s1');
    store.put({ services: [{ ...stored, pendingDelete: true }] });
    pass();
    expect(store.services.get('s1')?.endpoint).toEqual({
      spec: stored.spec.endpoint,
      ports: [],
      virtualIps: [],
    });
    expect(ipam.usage('n1')?.inUseCount).toBe(1);
    store.put({
      services: [testService(makeService('s2', 'api'), { ports: [ingressPort(8080)] })],
    });
    expect(pass().issues).toEqual([]);
    expect(store.services.get('s2')?.endpoint?.ports).toEqual([ingressPort(8080)]);
  });

  it('frees the VIP of a network the service left', () => {
    const front = testNetwork('n2', 'front', { subnet: '10.0.4.0/24' });
    const { store, ipam, pass } = cluster({
      networks: [backend(), front],
      services: [web({ networkIds: ['n1', 'n2'] })],
    });
    pass();
    expect(ipam.usage('n2')?.inUseCount).toBe(2);
    const stored = store.services.get('s1');
    if (stored?.endpoint === undefined) throw new Error('no endpoint of s1');
    store.put({ services: [{ ...web(), meta: stored.meta, endpoint: stored.endpoint }] });
    pass();
    expect(ipam.usage('n2')?.inUseCount).toBe(1);
    expect(store.services.get('s1')?.endpoint?.virtualIps).toEqual([
      { networkId: 'n1', addr: '10.0.3.2/24' },
    ]);
  });

  it('reports a service without a VIP on the service and its tasks', () => {
    const tiny = testNetwork('n1', 'tiny', { subnet: '10.0.3.0/30' }); // 2 hosts: gateway, VIP
    const a = web();
    const b = testService(makeService('s2', 'api'), { networkIds: ['n1'] });
    const { store, pass } = cluster({
      networks: [tiny],
      services: [a, b],
      tasks: [testTask('t1', b, 1)],
    });
    const message = 'network tiny: no free address in 10.0.3.0/30 (2 in use)';
    expect(pass().issues).toEqual([
      { code: 'address_exhausted', message, networkId: 'n1', serviceId: 's2' },
    ]);
    expect(store.tasks.get('t1')?.status).toMatchObject({ state: 'NEW', message, err: message });
  });

  it('does not give addresses to a NEW task that is desired SHUTDOWN', () => {
    const service = web();
    const task: Task = { ...testTask('t1', service, 1), desiredState: 'SHUTDOWN' };
    const { store, pass } = cluster({ networks: [backend()], services: [service], tasks: [task] });
    pass();
    expect(store.tasks.get('t1')?.status.state).toBe('NEW');
  });

  it('never changes its input', () => {
    const service = web({ networkIds: ['n1'], ports: [ingressPort(0)] });
    const snapshot = deepFreeze(
      snapshotOf({
        networks: [testNetwork('n1', 'backend')],
        services: [service],
        tasks: [testTask('t1', service, 1)],
      }),
    );
    const copy = structuredClone(snapshot);
    allocate(snapshot, createIpam());
    expect(snapshot).toEqual(copy);
  });

  it('leaves an IPAM that a rebuild from the stored objects reproduces', () => {
    const { store, ipam, pass } = webWithOneTask();
    pass();
    const { ipam: rebuilt, issues } = rebuildIpam(store.snapshot());
    expect(issues).toEqual([]);
    expect(rebuilt.usage('n1')).toEqual(ipam.usage('n1'));
    expect(rebuilt.network('n1')).toEqual(ipam.network('n1'));
  });
});

describe('allocate() published ports', () => {
  it('allocates published port 0 from the range and keeps it on later passes', () => {
    const a = web({ ports: [ingressPort(0)] });
    const b = testService(makeService('s2', 'api'), { ports: [ingressPort(0, 8000)] });
    const { store, pass } = cluster({ services: [a, b] });
    pass();
    expect(store.services.get('s1')?.endpoint?.ports).toEqual([ingressPort(30000)]);
    expect(store.services.get('s2')?.endpoint?.ports).toEqual([ingressPort(30001, 8000)]);
    expect(pass().updates).toEqual([]);
  });

  it('reports a full port range on the service and its tasks', () => {
    const services = ['s1', 's2', 's3', 's4'].map((id) =>
      testService(makeService(id, `svc-${id}`), { ports: [ingressPort(0)] }),
    );
    const task = testTask('t4', services[3] as Service, 1);
    const { store, pass } = cluster({ services, tasks: [task] });
    const message = 'Cannot publish port 80/tcp of service "svc-s4": no free port in 30000-30002';
    expect(pass().issues).toEqual([{ code: 'port_exhausted', message, serviceId: 's4' }]);
    expect(store.tasks.get('t4')?.status).toMatchObject({ state: 'NEW', message });
  });

  it('refuses a port another service holds, naming the port and the service', () => {
    const a = web({ ports: [ingressPort(8080)] });
    const b = testService(makeService('s2', 'api'), { ports: [ingressPort(8080)] });
    const { store, pass } = cluster({ services: [a, b] });
    expect(pass().issues).toEqual([
      {
        code: 'port_conflict',
        message: 'Cannot publish port 8080/tcp: service "web" already publishes it',
        serviceId: 's2',
      },
    ]);
    expect(store.services.get('s2')?.endpoint).toBeUndefined();
  });

  it('refuses a port listed twice in one service', () => {
    const { pass } = cluster({
      services: [web({ ports: [ingressPort(8080), ingressPort(8080, 81)] })],
    });
    expect(pass().issues).toEqual([
      {
        code: 'port_conflict',
        message: 'Cannot publish port 8080/tcp: it is listed twice in service "web"',
        serviceId: 's1',
      },
    ]);
  });

  it('attaches the tasks of a service publishing through the mesh to the ingress network', () => {
    const ingress = testNetwork('n0', 'ingress', { subnet: '10.255.0.0/24', ingress: true });
    const service = web({ networkIds: ['n1'], ports: [ingressPort(8080)] });
    const { store, pass } = cluster({
      networks: [ingress, backend()],
      services: [service],
      tasks: [testTask('t1', service, 1)],
    });
    pass();
    expect(store.services.get('s1')?.endpoint?.virtualIps.map((v) => v.networkId)).toEqual([
      'n1',
      'n0',
    ]);
    expect(store.tasks.get('t1')?.networks.map((n) => n.networkId)).toEqual(['n1', 'n0']);
  });

  it.each([
    { first: 0, last: 10 },
    { first: 10, last: 9 },
    { first: 30000, last: 70000 },
  ])('throws on the port range $first-$last', (publishedPortRange) => {
    expect(() => allocate(snapshotOf({}), createIpam(), { publishedPortRange })).toThrow(
      RangeError,
    );
  });
});

describe('allocate() node addresses on the ingress network (ADR 030)', () => {
  const ingress = (): Network =>
    testNetwork('ing', 'ingress', { subnet: '10.255.0.0/24', ingress: true });

  it('gives every ready node its own address, and keeps it while the node is down', () => {
    const { store, ipam, pass } = cluster({
      networks: [ingress()],
      nodes: [testNode('a'), testNode('b'), testNode('c', 'down')],
    });
    expect(pass().issues).toEqual([]);
    expect(store.nodes.get('a')?.networkAttachments).toEqual([
      { networkId: 'ing', addresses: ['10.255.0.2/24'], aliases: [] },
    ]);
    expect(store.nodes.get('b')?.networkAttachments?.[0]?.addresses).toEqual(['10.255.0.3/24']);
    expect(store.nodes.get('c')?.networkAttachments).toBeUndefined();
    const a = store.nodes.get('a');
    if (a === undefined) throw new Error('no a');
    store.put({ nodes: [{ ...a, status: { ...a.status, state: 'down' } }] });
    expect(pass().updates).toEqual([]);
    expect(ipam.usage('ing')?.inUseCount).toBe(3);
    // A rebuild from the stored nodes holds the same addresses.
    const rebuilt = rebuildIpam(store.snapshot());
    expect(rebuilt.issues).toEqual([]);
    expect(rebuilt.ipam.allocateNode('b', ['ing'])).toEqual({
      ok: true,
      value: [{ networkId: 'ing', addr: '10.255.0.3/24' }],
    });
  });

  it('frees the address of a removed node, and every address when the ingress network goes', () => {
    const { store, ipam, pass } = cluster({
      networks: [ingress()],
      nodes: [testNode('a'), testNode('b')],
    });
    pass();
    store.nodes.delete('a');
    pass({ nodeIds: ['a'] });
    expect(ipam.usage('ing')?.inUseCount).toBe(2);
    const network = store.networks.get('ing');
    if (network === undefined) throw new Error('no ingress');
    store.put({ networks: [{ ...network, pendingDelete: true }] });
    pass();
    expect(store.nodes.get('b')?.networkAttachments).toEqual([]);
    expect(ipam.usage('ing')?.inUseCount).toBe(1);
  });

  it('reports a node that cannot get an address, naming the node', () => {
    const tiny = testNetwork('ing', 'ingress', { subnet: '10.255.0.0/30', ingress: true });
    const { store, pass } = cluster({ networks: [tiny], nodes: [testNode('a'), testNode('b')] });
    const { issues } = pass();
    expect(issues).toEqual([
      {
        code: 'address_exhausted',
        networkId: 'ing',
        nodeId: 'b',
        message: 'network ingress: no free address in 10.255.0.0/30 (2 in use)',
      },
    ]);
    expect(store.nodes.get('b')?.networkAttachments).toBeUndefined();
  });
});

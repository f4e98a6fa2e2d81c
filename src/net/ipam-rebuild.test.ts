import { describe, expect, it } from 'vitest';
import type { Network, Service, Task } from '../store/objects.js';
import { TASK_STATES, isTerminal } from '../store/task-state.js';
import { makeNetwork, makeService, makeTask } from '../store/testing.js';
import { createIpam } from './ipam.js';
import {
  addressFreeTaskStates,
  rebuildIpam,
  type IpamSnapshot,
  type StoredTaskLike,
} from './ipam-rebuild.js';

function network(id: string, subnet: string, vni?: number): IpamSnapshot['networks'][number] {
  return {
    id,
    spec: { name: id, driver: 'overlay', ipam: [] },
    ipam: [{ subnet, gateway: subnet.replace(/0\/\d+$/, '1') }],
    vni,
  };
}

function task(id: string, state: string, ...addrs: [string, string][]): StoredTaskLike {
  return {
    id,
    status: { state },
    networks: addrs.map(([networkId, addr]) => ({ networkId, addresses: [addr] })),
  };
}

describe('rebuildIpam()', () => {
  it.each(TASK_STATES)(
    'frees the addresses of a task in %s exactly when it is terminal',
    (state) => {
      expect(addressFreeTaskStates.has(state)).toBe(isTerminal(state));
    },
  );

  it('accepts the stored objects as they are', () => {
    // Compile-time check that store objects fit the snapshot; the values do not matter.
    const networks: Network[] = [];
    const services: Service[] = [];
    const tasks: Task[] = [];
    const snapshot: IpamSnapshot = { networks, services, tasks };
    expect(rebuildIpam(snapshot).issues).toEqual([]);
    expect(makeNetwork('w1', 'n').vni).toBe(4097);
    expect(makeService('s1', 'web').id).toBe('s1');
    expect(makeTask('t1', 's1', 1).id).toBe('t1');
  });

  it('restores networks, VIPs and live task addresses, and allocates around them', () => {
    const { ipam, issues } = rebuildIpam({
      networks: [network('a', '10.0.3.0/24', 4100), network('b', '10.0.16.0/20', 4096)],
      services: [{ id: 's1', endpoint: { virtualIps: [{ networkId: 'a', addr: '10.0.3.2/24' }] } }],
      tasks: [
        task('t1', 'RUNNING', ['a', '10.0.3.3/24'], ['b', '10.0.16.7/20']),
        task('t2', 'PENDING', ['a', '10.0.3.9/24']),
        task('t3', 'SHUTDOWN', ['a', '10.0.3.4/24']),
      ],
    });
    expect(issues).toEqual([]);
    expect(ipam.network('a')).toEqual({ subnet: '10.0.3.0/24', gateway: '10.0.3.1', vni: 4100 });
    expect(ipam.usage('a')).toEqual({ inUseCount: 4, capacity: 254 });
    // Next-fit resumes after the highest address held, so t3's old address is not reused first.
    expect(ipam.allocateTask('t4', ['a'])).toEqual({
      ok: true,
      value: [{ networkId: 'a', addr: '10.0.3.10/24' }],
    });
    // New networks and VNIs avoid the restored ones.
    expect(
      ipam.allocateNetwork({ id: 'c', spec: { name: 'c', driver: 'overlay', ipam: [] } }),
    ).toEqual({
      ok: true,
      value: { subnet: '10.0.32.0/20', gateway: '10.0.32.1', vni: 4101 },
    });
    // Releasing a restored task frees its addresses.
    ipam.releaseTask('t1');
    expect(ipam.usage('b')?.inUseCount).toBe(1);
  });

  it('rebuilds the same state the allocations were made in', () => {
    const live = createIpam();
    const n = { id: 'n', spec: { name: 'n', driver: 'overlay' as const, ipam: [] } };
    const allocation = live.allocateNetwork(n);
    if (!allocation.ok) throw new Error('allocation failed');
    const tasks = ['t1', 't2', 't3'].map((id) => {
      const r = live.allocateTask(id, ['n']);
      if (!r.ok) throw new Error('allocation failed');
      return task(id, 'RUNNING', ...r.value.map((a): [string, string] => [a.networkId, a.addr]));
    });
    const { value } = allocation;
    const { ipam, issues } = rebuildIpam({
      networks: [
        { ...n, ipam: [{ subnet: value.subnet, gateway: value.gateway }], vni: value.vni },
      ],
      services: [],
      tasks,
    });
    expect(issues).toEqual([]);
    expect(ipam.usage('n')).toEqual(live.usage('n'));
    expect(ipam.allocateTask('t4', ['n'])).toEqual(live.allocateTask('t4', ['n']));
  });

  it('reports stored state that breaks the invariants and keeps the first claim', () => {
    const { ipam, issues } = rebuildIpam({
      networks: [
        network('a', '10.0.3.0/24', 4100),
        network('b', '10.0.3.0/25', 4101),
        network('c', '10.0.4.0/24', 4100),
      ],
      services: [],
      tasks: [
        task('t1', 'RUNNING', ['a', '10.0.3.5/24']),
        task('t2', 'RUNNING', ['a', '10.0.3.5/24']),
        task('t3', 'RUNNING', ['a', '10.0.9.5/24']),
        task('t4', 'RUNNING', ['gone', '10.0.3.6/24']),
        task('t5', 'RUNNING', ['a', '10.0.3.1/24']),
      ],
    });
    expect(issues.map((i) => [i.code, i.networkId])).toEqual([
      ['subnet_overlap', 'b'],
      ['address_conflict', 'c'],
      ['address_conflict', 'a'],
      ['invalid_config', 'a'],
      ['unknown_network', 'gone'],
      ['address_conflict', 'a'],
    ]);
    expect(issues[2]?.message).toBe(
      'Address "10.0.3.5" of network "a" is claimed by task "t2" and task "t1"',
    );
    expect(issues[5]?.message).toBe(
      'Address "10.0.3.1" of network "a" is claimed by task "t5" and the gateway',
    );
    expect(ipam.usage('a')?.inUseCount).toBe(2);
    expect(ipam.network('b')).toBeUndefined();
  });

  it('restoreNetwork() of a network already known keeps what it has', () => {
    const { ipam } = rebuildIpam({
      networks: [network('a', '10.0.3.0/24', 4100)],
      services: [],
      tasks: [],
    });
    const again = ipam.restoreNetwork(
      { id: 'a', spec: { name: 'a', driver: 'overlay', ipam: [] } },
      { subnet: '10.0.3.0/24', gateway: '10.0.3.1', vni: 4100 },
    );
    expect(again).toEqual({
      ok: true,
      value: { subnet: '10.0.3.0/24', gateway: '10.0.3.1', vni: 4100 },
    });
  });

  it('gives a stored overlay network without a VNI a new one', () => {
    const { ipam, issues } = rebuildIpam({
      networks: [network('a', '10.0.3.0/24', 4096), network('b', '10.0.4.0/24')],
      services: [],
      tasks: [],
    });
    expect(issues).toEqual([]);
    expect(ipam.network('b')?.vni).toBe(4097);
  });

  it('skips networks the allocator has not allocated yet', () => {
    const unallocated = {
      id: 'u',
      spec: { name: 'u', driver: 'bridge' as const, ipam: [] },
      ipam: [],
    };
    const { ipam, issues } = rebuildIpam({ networks: [unallocated], services: [], tasks: [] });
    expect(issues).toEqual([]);
    expect(ipam.network('u')).toBeUndefined();
  });
});

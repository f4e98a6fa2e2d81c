import { describe, expect, it } from 'vitest';
import type { NodeInfo__Output } from '../../api/gen/tsorch/v1/NodeInfo.js';
import { table } from '../output.js';
import { managerStatus, nodeRows } from './actions.js';

function node(over: Partial<NodeInfo__Output>): NodeInfo__Output {
  return {
    id: 'n1',
    version: '1',
    createdAt: '',
    updatedAt: '',
    hostname: 'h1',
    role: 'worker',
    certRole: 'worker',
    availability: 'active',
    labels: {},
    state: 'ready',
    statusMessage: '',
    addr: '',
    advertiseAddr: '',
    reachability: '',
    leader: false,
    raftId: '',
    managerAddr: '',
    self: false,
    ...over,
  };
}

describe('node ls', () => {
  it.each([
    [node({}), ''],
    [node({ reachability: 'reachable', leader: true }), 'Leader'],
    [node({ reachability: 'reachable' }), 'Reachable'],
    [node({ reachability: 'unreachable' }), 'Unreachable'],
  ])('MANAGER STATUS of %j is %j', (n, status) => {
    expect(managerStatus(n)).toBe(status);
  });

  it('shows rows as docker node ls does, this node marked with *', () => {
    const rows = nodeRows([
      node({ id: 'a1', hostname: 'm1', self: true, reachability: 'reachable', leader: true }),
      node({ id: 'b2', hostname: 'w1', availability: 'drain', state: 'down' }),
    ]);
    expect(table(['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS'], rows)).toBe(
      'ID     HOSTNAME   STATUS   AVAILABILITY   MANAGER STATUS\n' +
        'a1 *   m1         Ready    Active         Leader\n' +
        'b2     w1         Down     Drain\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { serviceDefinition } from '../proto.js';
import { CLUSTER_POLICY } from './service.js';

describe('CLUSTER_POLICY', () => {
  it('covers every cluster RPC but the local-only Init, Join and Leave (fail closed)', () => {
    const paths = ['Swarm', 'NodeCa', 'Membership'].flatMap((svc) =>
      Object.values(serviceDefinition('cluster', svc)).map((m) => m.path),
    );
    const open = paths.filter((p) => CLUSTER_POLICY[p] !== undefined);
    expect(paths.filter((p) => !open.includes(p)).sort()).toEqual([
      '/tsorch.v1.Swarm/Init',
      '/tsorch.v1.Swarm/Join',
      '/tsorch.v1.Swarm/Leave',
    ]);
  });

  it('opens only the join RPCs to callers without a certificate, and the control API to managers', () => {
    const anonymous = Object.entries(CLUSTER_POLICY)
      .filter(([, roles]) => roles.includes('anonymous'))
      .map(([p]) => p)
      .sort();
    expect(anonymous).toEqual([
      '/tsorch.v1.NodeCa/GetRootCa',
      '/tsorch.v1.NodeCa/IssueNodeCertificate',
    ]);
    for (const [path, roles] of Object.entries(CLUSTER_POLICY)) {
      if (path.startsWith('/tsorch.v1.Swarm/')) expect(roles).toEqual(['manager']);
    }
    expect(CLUSTER_POLICY['/tsorch.v1.Membership/JoinRaft']).toEqual(['manager']);
  });
});

import { describe, expect, it } from 'vitest';
import { denialReason, peerIdentity, policyFor, type AuthContext } from './tls.js';

const CLUSTER = 'c'.repeat(25);
const policy = policyFor('tsorch.v1.Control', {
  CreateService: ['manager'],
  Heartbeat: ['worker', 'manager'],
});

function authWith(subject: Record<string, string | string[]>): AuthContext {
  return {
    transportSecurityType: 'ssl',
    sslPeerCertificate: { subject },
  } as unknown as AuthContext;
}

describe('peerIdentity()', () => {
  it('reads node id, role and cluster from the peer certificate subject', () => {
    expect(peerIdentity(authWith({ CN: 'n1', OU: 'swarm-worker', O: CLUSTER }))).toEqual({
      nodeId: 'n1',
      role: 'worker',
      clusterId: CLUSTER,
    });
  });

  it.each([
    ['no auth context', null],
    ['a plaintext call', {}],
    ['an unknown OU', authWith({ CN: 'n1', OU: 'admins', O: CLUSTER })],
    ['a repeated OU', authWith({ CN: 'n1', OU: ['swarm-worker', 'swarm-manager'], O: CLUSTER })],
    ['a missing CN', authWith({ OU: 'swarm-manager', O: CLUSTER })],
  ])('is undefined for %s', (_name, auth) => {
    expect(peerIdentity(auth)).toBeUndefined();
  });
});

describe('denialReason()', () => {
  const worker = { nodeId: 'w1', role: 'worker' as const, clusterId: CLUSTER };
  const manager = { nodeId: 'm1', role: 'manager' as const, clusterId: CLUSTER };

  it('admits a caller without certificate only where the policy lists anonymous', () => {
    const join = policyFor('tsorch.v1.CA', { IssueNodeCertificate: ['anonymous'] });
    expect(
      denialReason(join, '/tsorch.v1.CA/IssueNodeCertificate', undefined, CLUSTER),
    ).toBeUndefined();
    expect(denialReason(policy, '/tsorch.v1.Control/Heartbeat', undefined, CLUSTER)).toContain(
      'needs a node certificate',
    );
  });

  it('allows roles the policy lists', () => {
    expect(
      denialReason(policy, '/tsorch.v1.Control/CreateService', manager, CLUSTER),
    ).toBeUndefined();
    expect(denialReason(policy, '/tsorch.v1.Control/Heartbeat', worker, CLUSTER)).toBeUndefined();
  });

  it.each([
    [
      'a worker calling a manager RPC',
      '/tsorch.v1.Control/CreateService',
      worker,
      CLUSTER,
      'is for manager nodes, and node "w1" is a worker',
    ],
    [
      'a call without certificate',
      '/tsorch.v1.Control/Heartbeat',
      undefined,
      CLUSTER,
      'needs a node certificate',
    ],
    [
      'an RPC missing from the policy',
      '/tsorch.v1.Control/Drop',
      manager,
      CLUSTER,
      'not open to any role',
    ],
    [
      'another cluster',
      '/tsorch.v1.Control/Heartbeat',
      worker,
      'x'.repeat(25),
      'belongs to cluster',
    ],
  ])('refuses %s', (_name, path, identity, clusterId, reason) => {
    expect(denialReason(policy, path, identity, clusterId)).toContain(reason);
  });
});

import { describe, expect, it } from 'vitest';
import {
  advanceRootRotation,
  crossSignRoot,
  issuingPlan,
  nodesPendingRotation,
  startRootRotation,
  trustedRoots,
  type RootState,
} from './root-rotation.js';
import { verifyNodeCertificate } from './verify.js';
import { createRootCa } from './root-ca.js';
import { createTestCluster, issueTestNode, newTestId } from './test-fixtures.js';

const now = new Date('2026-03-01T12:00:00Z');
const root = (digest: string) => ({ certPem: `pem-${digest}`, digest });

describe('root rotation state machine', () => {
  const stable: RootState = { phase: 'stable', root: root('old') };

  it('trusts both roots and signs with the new one during the transition', () => {
    const rotating = startRootRotation(stable, root('new'), 'cross');
    expect(trustedRoots(rotating)).toEqual(['pem-old', 'pem-new']);
    expect(issuingPlan(rotating)).toEqual({
      signingRootDigest: 'new',
      intermediatesPem: ['cross'],
    });
    expect(issuingPlan(stable)).toEqual({ signingRootDigest: 'old', intermediatesPem: [] });
  });

  it('finishes only when every node holds a certificate under the new root', () => {
    const rotating = startRootRotation(stable, root('new'), 'cross');
    const nodes = [
      { nodeId: 'a', issuerRootDigest: 'new' },
      { nodeId: 'b', issuerRootDigest: 'old' },
    ];
    expect(advanceRootRotation(rotating, nodes)).toBe(rotating);
    expect(nodesPendingRotation(rotating, nodes)).toEqual(['b']);
    const done = advanceRootRotation(rotating, [
      nodes[0]!,
      { nodeId: 'b', issuerRootDigest: 'new' },
    ]);
    expect(done).toEqual({ phase: 'stable', root: root('new') });
    expect(trustedRoots(done)).toEqual(['pem-new']);
  });

  it('refuses to start a second rotation or rotate to the same root', () => {
    const rotating = startRootRotation(stable, root('new'), 'cross');
    expect(() => startRootRotation(rotating, root('newer'), 'x')).toThrow('already in progress');
    expect(() => startRootRotation(stable, root('old'), 'x')).toThrow('must differ');
  });
});

describe('cross-signed transition', () => {
  it('a node holding only the old root trusts a chain issued under the new root', async () => {
    const cluster = await createTestCluster(now);
    const newRoot = await createRootCa({ now, clusterId: cluster.clusterId, rootId: newTestId() });
    const crossSignedPem = await crossSignRoot(cluster.root, newRoot.certPem, now);
    const plan = issuingPlan(
      startRootRotation({ phase: 'stable', root: cluster.root }, newRoot, crossSignedPem),
    );
    const node = await issueTestNode(cluster, {
      role: 'worker',
      now,
      signer: { ...newRoot, intermediatesPem: plan.intermediatesPem },
    });
    const byOld = await verifyNodeCertificate(node.certChainPem, {
      trustedRootsPem: [cluster.root.certPem],
      now,
    });
    expect(byOld.rootDigest).toBe(cluster.root.digest);
    expect(byOld.identity.nodeId).toBe(node.nodeId);
    // A node that already has the new bundle sees the new root as the issuer.
    const byBoth = await verifyNodeCertificate(node.certChainPem, {
      trustedRootsPem: [cluster.root.certPem, newRoot.certPem],
      now,
    });
    expect(byBoth.rootDigest).toBe(newRoot.digest);
  });

  it('without the cross-signed certificate the old root does not trust the new chain', async () => {
    const cluster = await createTestCluster(now);
    const newRoot = await createRootCa({ now, clusterId: cluster.clusterId, rootId: newTestId() });
    const node = await issueTestNode(cluster, {
      role: 'worker',
      now,
      signer: { ...newRoot, intermediatesPem: [] },
    });
    await expect(
      verifyNodeCertificate(node.certChainPem, { trustedRootsPem: [cluster.root.certPem], now }),
    ).rejects.toMatchObject({ code: 'CA_CERT_UNTRUSTED' });
  });

  it('a node holding only the new root still trusts certificates issued under the old one when given both', async () => {
    const cluster = await createTestCluster(now);
    const newRoot = await createRootCa({ now, clusterId: cluster.clusterId, rootId: newTestId() });
    const oldNode = await issueTestNode(cluster, { role: 'manager', now });
    const state = startRootRotation({ phase: 'stable', root: cluster.root }, newRoot, 'unused');
    await expect(
      verifyNodeCertificate(oldNode.certChainPem, { trustedRootsPem: trustedRoots(state), now }),
    ).resolves.toMatchObject({ rootDigest: cluster.root.digest });
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createJoinTokens,
  createNodeKeyRequest,
  issueNodeCertificate,
  parseJoinToken,
  pemCertificates,
  verifyNodeCertificate,
} from '../manager/index.js';
import { createTestCluster } from '../manager/ca/test-fixtures.js';
import type { Cluster, RootCa } from '../store/index.js';
import { afterRenewal, caStatus, rotateRootCa, signerOf, trustBundle } from './manager-ca.js';

const now = new Date('2026-12-02T10:00:00Z');

async function clusterObject(): Promise<Cluster> {
  const test = await createTestCluster(now);
  return {
    id: test.clusterId,
    meta: { version: 1, createdAt: '', updatedAt: '' },
    spec: { name: 'default' },
    rootCa: {
      certPem: test.root.certPem,
      keyPem: new TextEncoder().encode(test.root.key.toPkcs8Pem()),
      digest: `sha256:${test.root.digest}`,
    },
    joinTokens: createJoinTokens(test.root.digest, (n) => randomBytes(n)),
    encryptionKeyRing: { currentKeyId: 'k', keyIds: ['k'] },
  } as unknown as Cluster;
}

describe('rotateRootCa()', () => {
  it('issues under the new root with a chain that nodes trusting only the old root accept', async () => {
    const cluster = await clusterObject();
    const rotated = await rotateRootCa(cluster, ['n1', 'n2'], { now, randomBytes });
    expect(rotated.rootCa.digest).not.toBe(cluster.rootCa.digest);
    expect(rotated.rootCa.previous?.pendingNodeIds).toEqual(['n1', 'n2']);
    const next = { ...cluster, ...rotated };
    expect(pemCertificates(trustBundle(next.rootCa))).toHaveLength(2);
    // Tokens keep their secrets and pin the new root.
    const token = parseJoinToken(next.joinTokens.worker);
    expect(token.secret).toBe(parseJoinToken(cluster.joinTokens.worker).secret);
    expect(token.rootDigest).not.toBe(parseJoinToken(cluster.joinTokens.worker).rootDigest);

    const request = await createNodeKeyRequest();
    const issued = await issueNodeCertificate(await signerOf(next), request.csrPem, {
      nodeId: 'a'.repeat(25),
      role: 'worker',
      clusterId: cluster.id,
      now,
    });
    for (const roots of [[cluster.rootCa.certPem], [next.rootCa.certPem]]) {
      const v = await verifyNodeCertificate(issued.certChainPem, { trustedRootsPem: roots, now });
      expect(v.identity.role).toBe('worker');
    }
  });

  it('refuses a second rotation while nodes are pending, saying how many', async () => {
    const cluster = await clusterObject();
    const next = { ...cluster, ...(await rotateRootCa(cluster, ['n1'], { now, randomBytes })) };
    await expect(rotateRootCa(next, ['n1'], { now, randomBytes })).rejects.toThrow(
      'A root CA rotation is in progress: 1 node(s) still hold a certificate under the previous root',
    );
  });
});

describe('afterRenewal()', () => {
  const rotating: RootCa = {
    certPem: 'new',
    keyPem: new Uint8Array(),
    digest: 'sha256:new',
    previous: {
      certPem: 'old',
      digest: 'sha256:old',
      crossSignedPem: 'x',
      pendingNodeIds: ['a', 'b', 'gone'],
    },
  };
  const live = new Set(['a', 'b']);

  it('takes the renewed node and nodes no longer in the cluster off the pending list', () => {
    expect(afterRenewal(rotating, 'a', live).previous?.pendingNodeIds).toEqual(['b']);
  });

  it('drops the previous root once no node is pending', () => {
    const done = afterRenewal(afterRenewal(rotating, 'a', live), 'b', live);
    expect(done.previous).toBeUndefined();
    expect(caStatus(done)).toMatchObject({ rotating: false, pendingNodeIds: [] });
    expect(trustBundle(done)).toBe('new\n');
  });
});

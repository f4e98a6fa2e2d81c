import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNodeKeyRequest, issueNodeCertificate, NODE_CERT_VALIDITY_MS } from './issue.js';
import { verifyNodeCertificate } from './verify.js';
import { createRootCa, loadRootCa, rootDigest } from './root-ca.js';
import { createTestCluster, issueTestNode, newTestId } from './test-fixtures.js';
import { hasCode, type ErrorCode } from '../../util/errors.js';

const now = new Date('2026-03-01T12:00:00Z');
const HOUR_MS = 3600 * 1000;

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    if (err instanceof Error && 'code' in err) return (err as { code: ErrorCode }).code;
    throw err;
  }
}

describe('issueNodeCertificate()', () => {
  it('writes node id, role and cluster id into the subject, valid 90 days by default', async () => {
    const cluster = await createTestCluster(now);
    const node = await issueTestNode(cluster, { role: 'worker', now });
    const cert = new X509Certificate(node.certChainPem);
    expect(cert.subject.split('\n').sort()).toEqual(
      [`CN=${node.nodeId}`, 'OU=swarm-worker', `O=${cluster.clusterId}`].sort(),
    );
    expect(cert.subjectAltName).toBe(`DNS:swarm-worker, DNS:${node.nodeId}`);
    expect(cert.ca).toBe(false);
    expect(new Date(cert.validTo).getTime()).toBe(now.getTime() + NODE_CERT_VALIDITY_MS);
    const verified = await verifyNodeCertificate(node.certChainPem, {
      trustedRootsPem: [cluster.root.certPem],
      now,
    });
    expect(verified.identity).toEqual({
      nodeId: node.nodeId,
      role: 'worker',
      clusterId: cluster.clusterId,
    });
    expect(verified.rootDigest).toBe(cluster.root.digest);
  });

  it('takes the role from the CA, not from what the CSR asks for', async () => {
    const cluster = await createTestCluster(now);
    const request = await createNodeKeyRequest();
    // A CSR that claims to be a manager: the CA ignores its subject.
    const issued = await issueNodeCertificate(
      { ...cluster.root, intermediatesPem: [] },
      request.csrPem,
      {
        nodeId: newTestId(),
        role: 'worker',
        clusterId: cluster.clusterId,
        now,
      },
    );
    expect(new X509Certificate(issued.certChainPem).subject).toContain('OU=swarm-worker');
  });

  it('uses a configured validity and refuses one under an hour', async () => {
    const cluster = await createTestCluster(now);
    const node = await issueTestNode(cluster, { role: 'manager', now, validityMs: 2 * HOUR_MS });
    expect(new Date(new X509Certificate(node.certChainPem).validTo).getTime()).toBe(
      now.getTime() + 2 * HOUR_MS,
    );
    await expect(
      issueTestNode(cluster, { role: 'manager', now, validityMs: HOUR_MS - 1 }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses a CSR that is not one', async () => {
    const cluster = await createTestCluster(now);
    const bad = issueNodeCertificate({ ...cluster.root, intermediatesPem: [] }, 'nope', {
      nodeId: newTestId(),
      role: 'worker',
      clusterId: cluster.clusterId,
      now,
    });
    expect(await codeOf(bad)).toBe('CA_INVALID_CSR');
  });
});

describe('verifyNodeCertificate()', () => {
  it('refuses a certificate from another CA', async () => {
    const mine = await createTestCluster(now);
    const other = await createTestCluster(now);
    const node = await issueTestNode(other, { role: 'manager', now });
    const result = verifyNodeCertificate(node.certChainPem, {
      trustedRootsPem: [mine.root.certPem],
      now,
    });
    expect(await codeOf(result)).toBe('CA_CERT_UNTRUSTED');
  });

  it('refuses an expired certificate', async () => {
    const cluster = await createTestCluster(now);
    const node = await issueTestNode(cluster, { role: 'worker', now, validityMs: HOUR_MS });
    const later = new Date(now.getTime() + 2 * HOUR_MS);
    const result = verifyNodeCertificate(node.certChainPem, {
      trustedRootsPem: [cluster.root.certPem],
      now: later,
    });
    expect(await codeOf(result)).toBe('CA_CERT_EXPIRED');
  });

  it('explains clock skew when the certificate is not valid yet', async () => {
    const cluster = await createTestCluster(now);
    const node = await issueTestNode(cluster, { role: 'worker', now });
    // This machine's clock is two hours behind the manager's (certificates are backdated 1 h).
    const skewed = new Date(now.getTime() - 2 * HOUR_MS);
    try {
      await verifyNodeCertificate(node.certChainPem, {
        trustedRootsPem: [cluster.root.certPem],
        now: skewed,
      });
      expect.unreachable();
    } catch (err) {
      expect(hasCode(err, 'CA_CERT_NOT_YET_VALID')).toBe(true);
      const notBefore = new Date(now.getTime() - HOUR_MS).toISOString();
      expect((err as Error).message).toBe(
        `Node certificate not valid until ${notBefore}: this machine's clock is 7200 s behind the manager's; fix the clock (NTP)`,
      );
      expect((err as { hint?: string }).hint).toMatch(/clocks/);
    }
  });

  it('tolerates a clock up to an hour behind (backdating)', async () => {
    const cluster = await createTestCluster(now);
    const node = await issueTestNode(cluster, { role: 'worker', now });
    const behind = new Date(now.getTime() - 30 * 60 * 1000);
    await expect(
      verifyNodeCertificate(node.certChainPem, {
        trustedRootsPem: [cluster.root.certPem],
        now: behind,
      }),
    ).resolves.toBeDefined();
  });
});

describe('root CA', () => {
  it('loadRootCa() round-trips and refuses a key of another root', async () => {
    const a = await createRootCa({ now, clusterId: newTestId(), rootId: newTestId() });
    const b = await createRootCa({ now, clusterId: newTestId(), rootId: newTestId() });
    const loaded = await loadRootCa(a.certPem, a.key.toPkcs8Pem());
    expect(loaded.digest).toBe(a.digest);
    expect(rootDigest(a.certPem)).toMatch(/^[0-9a-f]{64}$/);
    expect(await codeOf(loadRootCa(a.certPem, b.key.toPkcs8Pem()))).toBe('CA_INVALID_KEY');
  });

  it('is a CA certificate signed by itself', async () => {
    const root = await createRootCa({ now, clusterId: newTestId(), rootId: newTestId() });
    const cert = new X509Certificate(root.certPem);
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });
});

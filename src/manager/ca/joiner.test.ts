import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { joinCluster, type JoinTransport } from './joiner.js';
import { initClusterCa, type ClusterCaInit } from './init.js';
import { signJoinRequest } from './join.js';
import { newTestId } from './test-fixtures.js';

const managerNow = new Date('2026-03-01T12:00:00Z');
const HOUR_MS = 3600 * 1000;

/** A transport straight into a cluster's CA, as the manager would answer. */
function transportTo(
  cluster: ClusterCaInit,
  presentedRoot = cluster.root.certPem,
): JoinTransport & { csrs: number } {
  const transport = {
    csrs: 0,
    fetchRootCa: () => Promise.resolve(presentedRoot),
    requestCertificate: async (request: { token: string; csrPem: string }) => {
      transport.csrs += 1;
      const grant = await signJoinRequest({ ...cluster.root, intermediatesPem: [] }, request, {
        tokens: cluster.tokens,
        rootDigest: cluster.root.digest,
        clusterId: cluster.clusterId,
        nodeId: newTestId(),
        now: managerNow,
      });
      return grant.certChainPem;
    },
  };
  return transport;
}

const init = () => initClusterCa({ now: managerNow, randomBytes: (n) => randomBytes(n) });

describe('joinCluster()', () => {
  it('joins as the role of the token and returns credentials to save', async () => {
    const cluster = await init();
    const result = await joinCluster(cluster.tokens.worker, {
      transport: transportTo(cluster),
      now: () => managerNow,
    });
    expect(result.identity.role).toBe('worker');
    expect(result.identity.clusterId).toBe(cluster.clusterId);
    expect(result.credentials.trustedRootsPem).toBe(cluster.root.certPem);
  });

  it('refuses a manager presenting another root CA before sending a CSR', async () => {
    const cluster = await init();
    const impostor = await init();
    const transport = transportTo(cluster, impostor.root.certPem);
    await expect(
      joinCluster(cluster.tokens.worker, { transport, now: () => managerNow }),
    ).rejects.toMatchObject({
      code: 'CA_ROOT_MISMATCH',
    });
    expect(transport.csrs).toBe(0);
  });

  it('refuses a malformed token before any network call', async () => {
    const cluster = await init();
    const transport = transportTo(cluster);
    await expect(
      joinCluster('SWMTKN-1-oops', { transport, now: () => managerNow }),
    ).rejects.toMatchObject({
      code: 'CA_INVALID_TOKEN',
    });
    expect(transport.csrs).toBe(0);
  });

  it('passes on the manager refusing a token of another cluster', async () => {
    const cluster = await init();
    const other = await init();
    // The joiner is pointed at "cluster" with a token of "other" whose pin matches what is presented.
    const transport = transportTo(cluster, other.root.certPem);
    await expect(
      joinCluster(other.tokens.worker, { transport, now: () => managerNow }),
    ).rejects.toMatchObject({
      code: 'CA_TOKEN_OTHER_CLUSTER',
    });
  });

  it('reports clock skew when this machine is behind the manager', async () => {
    const cluster = await init();
    const behind = new Date(managerNow.getTime() - 3 * HOUR_MS);
    await expect(
      joinCluster(cluster.tokens.manager, { transport: transportTo(cluster), now: () => behind }),
    ).rejects.toMatchObject({
      code: 'CA_CERT_NOT_YET_VALID',
      hint: expect.stringMatching(/clocks/) as unknown,
    });
  });
});

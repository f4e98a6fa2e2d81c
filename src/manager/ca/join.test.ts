import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJoinRequest } from './join.js';
import { createJoinTokens, rotateJoinToken } from './join-token.js';
import { createNodeKeyRequest } from './issue.js';
import { verifyNodeCertificate } from './verify.js';
import { createTestCluster, newTestId } from './test-fixtures.js';

const now = new Date('2026-03-01T12:00:00Z');

async function setup() {
  const cluster = await createTestCluster(now);
  const tokens = createJoinTokens(cluster.root.digest, (n) => randomBytes(n));
  const ca = { ...cluster.root, intermediatesPem: [] };
  const options = { tokens, rootDigest: cluster.root.digest, clusterId: cluster.clusterId, now };
  return { cluster, tokens, ca, options };
}

describe('signJoinRequest()', () => {
  it.each(['worker', 'manager'] as const)(
    'gives a %s certificate for the %s token',
    async (role) => {
      const { cluster, tokens, ca, options } = await setup();
      const { csrPem } = await createNodeKeyRequest();
      const nodeId = newTestId();
      const grant = await signJoinRequest(
        ca,
        { token: tokens[role], csrPem },
        { ...options, nodeId },
      );
      expect(grant.role).toBe(role);
      const verified = await verifyNodeCertificate(grant.certChainPem, {
        trustedRootsPem: [cluster.root.certPem],
        now,
      });
      expect(verified.identity).toEqual({ nodeId, role, clusterId: cluster.clusterId });
    },
  );

  it.each([
    [
      'a wrong token',
      () => `SWMTKN-1-${'0'.repeat(50)}-${'0'.repeat(25)}`,
      'CA_TOKEN_OTHER_CLUSTER',
    ],
    ['garbage', () => 'hello', 'CA_INVALID_TOKEN'],
  ])('signs nothing for %s', async (_name, token, code) => {
    const { ca, options } = await setup();
    const { csrPem } = await createNodeKeyRequest();
    await expect(
      signJoinRequest(ca, { token: token(), csrPem }, { ...options, nodeId: newTestId() }),
    ).rejects.toMatchObject({ code });
  });

  it('refuses a token of another cluster and a rotated token', async () => {
    const mine = await setup();
    const theirs = await setup();
    const { csrPem } = await createNodeKeyRequest();
    const join = (token: string, tokens = mine.tokens) =>
      signJoinRequest(mine.ca, { token, csrPem }, { ...mine.options, tokens, nodeId: newTestId() });
    await expect(join(theirs.tokens.manager)).rejects.toMatchObject({
      code: 'CA_TOKEN_OTHER_CLUSTER',
    });
    const rotated = rotateJoinToken(mine.tokens, 'manager', mine.cluster.root.digest, (n) =>
      randomBytes(n),
    );
    await expect(join(mine.tokens.manager, rotated)).rejects.toMatchObject({
      code: 'CA_INVALID_TOKEN',
    });
    await expect(join(rotated.manager, rotated)).resolves.toMatchObject({ role: 'manager' });
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { initClusterCa } from './init.js';
import { checkRootPin, verifyJoinToken } from './join-token.js';
import { verifyNodeCertificate } from './verify.js';
import { isId } from './identity.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('initClusterCa()', () => {
  it('creates ids, a root, tokens pinning it, and a manager certificate for this node', async () => {
    const init = await initClusterCa({ now, randomBytes: (n) => randomBytes(n) });
    expect(isId(init.clusterId) && isId(init.nodeId)).toBe(true);
    expect(init.clusterId).not.toBe(init.nodeId);
    expect(() => checkRootPin(init.tokens.worker, init.root.digest)).not.toThrow();
    expect(verifyJoinToken(init.tokens, init.tokens.manager, init.root.digest)).toBe('manager');
    const verified = await verifyNodeCertificate(init.credentials.certChainPem, {
      trustedRootsPem: [init.credentials.trustedRootsPem],
      now,
    });
    expect(verified.identity).toEqual({
      nodeId: init.nodeId,
      role: 'manager',
      clusterId: init.clusterId,
    });
  });

  it('two clusters never share a root or tokens', async () => {
    const a = await initClusterCa({ now, randomBytes: (n) => randomBytes(n) });
    const b = await initClusterCa({ now, randomBytes: (n) => randomBytes(n) });
    expect(a.root.digest).not.toBe(b.root.digest);
    expect(() => verifyJoinToken(a.tokens, b.tokens.worker, a.root.digest)).toThrow(
      /another cluster/,
    );
  });
});

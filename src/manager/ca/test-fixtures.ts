/**
 * Test helpers: a cluster CA and node certificates on a fake clock. Used by unit and integration
 * tests only (not exported from the module's index).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { formatId, ID_RANDOM_BYTES, type NodeRole } from './identity.js';
import { createNodeKeyRequest, issueNodeCertificate, type SigningCa } from './issue.js';
import { createRootCa, type RootCa } from './root-ca.js';
import type { PrivateKey } from './private-key.js';

/** A fresh random id. */
export function newTestId(): string {
  return formatId(randomBytes(ID_RANDOM_BYTES));
}

/** A root CA of a new test cluster. */
export interface TestCluster {
  clusterId: string;
  root: RootCa;
}

/** Creates a test cluster whose root is valid from `now`. */
export async function createTestCluster(now: Date): Promise<TestCluster> {
  const clusterId = newTestId();
  return { clusterId, root: await createRootCa({ now, clusterId, rootId: newTestId() }) };
}

/** A node's key and certificate chain. */
export interface TestNode {
  nodeId: string;
  key: PrivateKey;
  certChainPem: string;
}

/** Options of {@link issueTestNode}. */
export interface TestNodeOptions {
  role: NodeRole;
  now: Date;
  validityMs?: number;
  signer?: SigningCa;
}

/** Makes a node key and has the cluster's root (or `signer`) sign its certificate. */
export async function issueTestNode(
  cluster: TestCluster,
  options: TestNodeOptions,
): Promise<TestNode> {
  const nodeId = newTestId();
  const request = await createNodeKeyRequest();
  const signer = options.signer ?? { ...cluster.root, intermediatesPem: [] };
  const issued = await issueNodeCertificate(signer, request.csrPem, {
    nodeId,
    role: options.role,
    clusterId: cluster.clusterId,
    now: options.now,
    ...(options.validityMs === undefined ? {} : { validityMs: options.validityMs }),
  });
  return { nodeId, key: request.key, certChainPem: issued.certChainPem };
}

/**
 * What `swarm init` creates: the cluster id, the root CA, the two join tokens, and the first
 * manager's own key and certificate.
 *
 * @module
 */
import { ID_RANDOM_BYTES, formatId } from './identity.js';
import { createNodeKeyRequest, issueNodeCertificate } from './issue.js';
import { createJoinTokens, type JoinTokens } from './join-token.js';
import type { NodeCredentials } from './key-files.js';
import { createRootCa, type RootCa } from './root-ca.js';

/** Options of {@link initClusterCa}. */
export interface InitClusterCaOptions {
  /** The current time (injected clock). */
  now: Date;
  /** A CSPRNG (`crypto.randomBytes`); injected so tests can pin ids and secrets. */
  randomBytes: (n: number) => Uint8Array;
  /** Node certificate life; default 90 days. */
  nodeCertValidityMs?: number;
  /** Shortest node certificate life accepted (see `IssueOptions.minValidityMs`). */
  minNodeCertValidityMs?: number;
}

/** The security state of a new cluster. */
export interface ClusterCaInit {
  clusterId: string;
  root: RootCa;
  tokens: JoinTokens;
  /** The id of the first manager (the node running `swarm init`). */
  nodeId: string;
  /** Its credentials, to save with `saveNodeCredentials`. */
  credentials: NodeCredentials;
}

/** Creates the cluster id, root CA, join tokens and the first manager's certificate. */
export async function initClusterCa(options: InitClusterCaOptions): Promise<ClusterCaInit> {
  const newId = (): string => formatId(options.randomBytes(ID_RANDOM_BYTES));
  const clusterId = newId();
  const nodeId = newId();
  const root = await createRootCa({ now: options.now, clusterId, rootId: newId() });
  const request = await createNodeKeyRequest();
  const issued = await issueNodeCertificate({ ...root, intermediatesPem: [] }, request.csrPem, {
    nodeId,
    role: 'manager',
    clusterId,
    now: options.now,
    ...(options.nodeCertValidityMs === undefined ? {} : { validityMs: options.nodeCertValidityMs }),
    ...(options.minNodeCertValidityMs === undefined
      ? {}
      : { minValidityMs: options.minNodeCertValidityMs }),
  });
  return {
    clusterId,
    root,
    tokens: createJoinTokens(root.digest, options.randomBytes),
    nodeId,
    credentials: {
      key: request.key,
      certChainPem: issued.certChainPem,
      trustedRootsPem: root.certPem,
    },
  };
}

/**
 * The cluster's own stored objects as `swarm init` and `swarm join` create them: the Cluster
 * (spec, root CA, join tokens) and Node objects. PURE.
 *
 * @module
 */
import type { Cluster, ClusterSpec, Node, NodeRole, NewObject } from '../../store/index.js';
import { NODE_CERT_VALIDITY_MS } from '../ca/index.js';

/** The one Cluster object's name. */
export const CLUSTER_NAME = 'default';

/** The spec a new cluster starts with (swarmkit's defaults where it has them). */
export function defaultClusterSpec(certExpiryMs = NODE_CERT_VALIDITY_MS): ClusterSpec {
  return {
    name: CLUSTER_NAME,
    labels: {},
    raft: {
      snapshotIntervalEntries: 10_000,
      keepOldSnapshots: 0,
      electionTicks: 10,
      heartbeatTicks: 1,
      tickIntervalMs: 100,
    },
    dispatcher: { heartbeatPeriodMs: 5_000 },
    caConfig: { nodeCertExpiryMs: certExpiryMs },
    taskDefaults: { historyLimit: 5 },
  };
}

/** What a new Cluster object holds. */
export interface NewClusterInput {
  clusterId: string;
  spec: ClusterSpec;
  rootCertPem: string;
  rootKeyPem: string;
  /** Hex SHA-256 of the root certificate. */
  rootDigestHex: string;
  tokens: { worker: string; manager: string };
  /** Id of the data-encryption key that seals secrets in the log. */
  keyId: string;
}

/** The Cluster object `swarm init` writes. */
export function newClusterObject(input: NewClusterInput): NewObject<Cluster> {
  return {
    id: input.clusterId,
    spec: input.spec,
    rootCa: {
      certPem: input.rootCertPem,
      keyPem: new TextEncoder().encode(input.rootKeyPem),
      digest: `sha256:${input.rootDigestHex}`,
    },
    joinTokens: { ...input.tokens },
    encryptionKeyRing: { currentKeyId: input.keyId, keyIds: [input.keyId] },
  };
}

/** What a new Node object holds. */
export interface NewNodeInput {
  nodeId: string;
  hostname: string;
  role: NodeRole;
  /** `host:port` other nodes reach it at. */
  advertiseAddr: string;
  /** Raft id and address, for a manager. */
  raft?: { id: number; addr: string };
  runtime: 'runc' | 'crun';
  platform: { os: string; architecture: string };
  resources: { nanoCpus: number; memoryBytes: number };
}

/** The Node object of a node that just got its certificate. */
export function newNodeObject(input: NewNodeInput): NewObject<Node> {
  return {
    id: input.nodeId,
    spec: { labels: {}, role: input.role, availability: 'active' },
    role: input.role,
    description: {
      hostname: input.hostname,
      platform: input.platform,
      resources: input.resources,
      engine: { runtime: input.runtime, version: '', labels: {} },
    },
    status: { state: 'ready', message: '', addr: hostOf(input.advertiseAddr) },
    advertiseAddr: input.advertiseAddr,
    ...(input.raft === undefined
      ? {}
      : {
          managerStatus: {
            raftId: input.raft.id,
            addr: input.raft.addr,
            reachability: 'reachable' as const,
            leader: false,
          },
        }),
  };
}

/** The host part of `host:port` (brackets of an IPv6 literal removed). */
export function hostOf(addr: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(addr);
  if (m !== null) return m[1] as string;
  const i = addr.lastIndexOf(':');
  return i > 0 && addr.indexOf(':') === i ? addr.slice(0, i) : addr;
}

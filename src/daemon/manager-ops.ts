/**
 * The manager's side of the cluster API ({@link ManagerOps}): cluster and node objects in the
 * store, join tokens, certificates for joining and renewing nodes, Raft membership. Runs on the
 * leader (the services forward there), except the root CA read.
 *
 * @module
 */
import { randomBytes, randomInt } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { clusterInfo, nodeInfo, type ManagerOps, type ManagerView } from '../api/cluster/index.js';
import type { IssueNodeCertificateResponse } from '../api/gen/tsorch/v1/IssueNodeCertificateResponse.js';
import {
  checkManagerRemoval,
  formatId,
  ID_RANDOM_BYTES,
  issueNodeCertificate,
  newNodeObject,
  patchNode,
  resolveNode,
  rotateJoinToken,
  signJoinRequest,
  CLUSTER_NAME,
  type NodeIdentity,
  type NodeRole,
} from '../manager/index.js';
import type { RaftDriver } from '../raft/index.js';
import type { ApplyResult, Cluster, Node, ReadTx, Store, WriteTx } from '../store/index.js';
import { InvalidArgumentError, NotFoundError, TsorchError } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { afterRenewal, caStatus, rotateRootCa, signerOf, trustBundle } from './manager-ca.js';

/** What the operations run on. */
export interface ManagerOpsDeps {
  store: Store;
  raft: RaftDriver<ApplyResult | undefined>;
  nodeId: string;
  clusterId: string;
  /** The key ring, as a joining manager receives it. */
  keyRingJson: string;
  /** Shortest node certificate life accepted (one hour but in tests; `DaemonConfig`). */
  minCertExpiryMs: number;
  /** Live reachability of each manager by Raft id (on the leader). */
  managerViews(): Map<number, ManagerView>;
  /**
   * Runs a store write; turns a write that cannot commit (no quorum) into the quorum error.
   */
  write<R>(fn: (tx: WriteTx) => R): Promise<R>;
  /** A linearizable read (ReadIndex). */
  read<R>(fn: (tx: ReadTx) => R): Promise<R>;
  log: Logger;
}

function clusterOf(tx: ReadTx): Cluster {
  const cluster = tx.getByName('clusters', CLUSTER_NAME);
  if (cluster === undefined) {
    throw new TsorchError('FAILED_PRECONDITION', 'The cluster object is missing from the store');
  }
  return cluster;
}

function digestHex(cluster: Cluster): string {
  return cluster.rootCa.digest.replace(/^sha256:/, '');
}

function asRole(value: string): NodeRole {
  if (value === 'worker' || value === 'manager') return value;
  throw new InvalidArgumentError(`Invalid role "${value}": use worker or manager`);
}

function positive(value: string, field: string): number | undefined {
  const n = Number(value);
  if (n === 0) return undefined;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(
      `Invalid value for ${field}: "${value}" is not a positive number`,
    );
  }
  return n;
}

/** `1h` for the production minimum, else seconds (test daemons). */
function formatMinExpiry(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 1000}s`;
}

/** The manager operations over `deps`. */
export function managerOps(deps: ManagerOpsDeps): ManagerOps {
  const { store, raft } = deps;

  const members = (tx: ReadTx): { raftId: string; addr: string }[] =>
    tx
      .all('nodes')
      .filter((n) => n.managerStatus !== undefined)
      .map((n) => ({ raftId: String(n.managerStatus?.raftId), addr: n.managerStatus?.addr ?? '' }));

  const newRaftId = (tx: ReadTx): number => {
    const taken = new Set(tx.all('nodes').map((n) => n.managerStatus?.raftId));
    for (;;) {
      const id = randomInt(1, 2 ** 32 - 1);
      if (!taken.has(id)) return id;
    }
  };

  // Every node learns the managers (to reach the cluster when one is gone); a manager also
  // gets its Raft id and the key ring.
  const withManagerExtras = (
    tx: ReadTx,
    node: Node,
    response: IssueNodeCertificateResponse,
  ): IssueNodeCertificateResponse =>
    node.spec.role === 'manager' && node.managerStatus !== undefined
      ? {
          ...response,
          raftId: String(node.managerStatus.raftId),
          members: members(tx),
          keyRingJson: deps.keyRingJson,
        }
      : { ...response, members: members(tx) };

  const nodeView = (node: Node): NodeInfoArgs => [
    node,
    deps.nodeId,
    node.managerStatus === undefined
      ? undefined
      : deps.managerViews().get(node.managerStatus.raftId),
  ];

  /** Refuses removing `node` from the Raft voters when that would lose quorum (unless forced). */
  const checkRemoval = (
    node: Node,
    action: 'demote' | 'leave',
    force: boolean,
  ): number | undefined => {
    const raftId = node.managerStatus?.raftId;
    if (raftId === undefined) return undefined;
    const status = raft.status();
    const views = deps.managerViews();
    const reachable = status.voters.filter(
      (v) => v === status.id || views.get(v)?.reachability === 'reachable',
    );
    const refused = checkManagerRemoval({
      voters: status.voters,
      reachable,
      target: raftId,
      action,
      force,
    });
    if (refused !== undefined) throw refused;
    return status.voters.includes(raftId) ? raftId : undefined;
  };

  /**
   * Removes a voter after its Node object says so (a leader removing itself steps down once the
   * change commits, so the store write must come first).
   */
  const removeVoter = async (raftId: number | undefined): Promise<void> => {
    if (raftId !== undefined) await raft.removeMember(raftId);
  };

  return {
    async inspect() {
      return { cluster: clusterInfo(await deps.read(clusterOf)) };
    },

    async update(req) {
      const cluster = await deps.write((tx) => {
        const next = structuredClone<Cluster>(clusterOf(tx));
        const expiry = positive(req.certExpiryMs, '--cert-expiry');
        if (expiry !== undefined) {
          if (expiry < deps.minCertExpiryMs) {
            throw new InvalidArgumentError(
              `Invalid value for --cert-expiry: must be at least ${formatMinExpiry(deps.minCertExpiryMs)}`,
            );
          }
          next.spec.caConfig.nodeCertExpiryMs = expiry;
        }
        const snap = positive(req.snapshotIntervalEntries, '--snapshot-interval');
        if (snap !== undefined) next.spec.raft.snapshotIntervalEntries = snap;
        const hb = positive(req.heartbeatPeriodMs, '--dispatcher-heartbeat');
        if (hb !== undefined) next.spec.dispatcher.heartbeatPeriodMs = hb;
        const hist = positive(req.taskHistoryLimit, '--task-history-limit');
        if (hist !== undefined) next.spec.taskDefaults.historyLimit = hist;
        next.spec.labels = {
          ...Object.fromEntries(
            Object.entries(next.spec.labels).filter(([k]) => !req.labelRm.includes(k)),
          ),
          ...req.labelAdd,
        };
        tx.update('clusters', next);
        return next.id;
      });
      return {
        cluster: clusterInfo(store.view((tx) => tx.get('clusters', cluster) ?? clusterOf(tx))),
      };
    },

    async getJoinToken(req) {
      const role = asRole(req.role);
      if (req.rotate) {
        await deps.write((tx) => {
          const next = structuredClone<Cluster>(clusterOf(tx));
          next.joinTokens = rotateJoinToken(next.joinTokens, role, digestHex(next), (n) =>
            randomBytes(n),
          );
          tx.update('clusters', next);
        });
      }
      return deps.read((tx) => ({
        token: clusterOf(tx).joinTokens[role],
        managerAddrs: members(tx).map((m) => m.addr),
      }));
    },

    async listNodes() {
      const nodes = await deps.read((tx) => tx.all('nodes'));
      const sorted = [...nodes].sort((a, b) =>
        a.description.hostname === b.description.hostname
          ? a.id.localeCompare(b.id)
          : a.description.hostname.localeCompare(b.description.hostname),
      );
      return { nodes: sorted.map((n) => nodeInfo(...nodeView(n))) };
    },

    async inspectNode(req) {
      const node = await deps.read((tx) => resolveNode(tx, req.ref, deps.nodeId));
      return { node: nodeInfo(...nodeView(node)) };
    },

    async updateNode(req) {
      const current = await deps.read((tx) => resolveNode(tx, req.ref, deps.nodeId));
      const next = patchNode(current, {
        availability: req.availability,
        role: req.role,
        labelAdd: req.labelAdd,
        labelRm: req.labelRm,
      });
      let leaving: number | undefined;
      if (current.spec.role === 'manager' && next.spec.role === 'worker') {
        leaving = checkRemoval(current, 'demote', req.force);
        delete next.managerStatus;
      }
      await deps.write((tx) => {
        const fresh = tx.get('nodes', current.id);
        if (fresh === undefined) throw new NotFoundError(`No such node: "${req.ref}"`);
        const merged: Node = { ...next, meta: fresh.meta, status: fresh.status };
        if (next.managerStatus === undefined) delete merged.managerStatus;
        tx.update('nodes', merged);
      });
      const node = store.view((tx) => tx.get('nodes', current.id)) ?? next;
      await removeVoter(leaving);
      return { node: nodeInfo(...nodeView(node)) };
    },

    async removeNode(req) {
      const node = await deps.read((tx) => resolveNode(tx, req.ref, deps.nodeId));
      if (node.spec.role === 'manager' || node.managerStatus !== undefined) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot remove node "${node.id}": it is a manager and a member of Raft`,
          { hint: `demote it first: "tsorch node demote ${node.id}"` },
        );
      }
      if (node.status.state !== 'down' && !req.force) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot remove node "${node.id}": it is not down (state "${node.status.state}")`,
          { hint: 'run "tsorch swarm leave" on it first, or add --force' },
        );
      }
      await deps.write((tx) => {
        tx.delete('nodes', node.id);
        // A node gone for good no longer holds up a root rotation.
        const ca = structuredClone<Cluster>(clusterOf(tx));
        if (ca.rootCa.previous !== undefined) {
          const live = new Set(tx.all('nodes').map((n) => n.id));
          ca.rootCa = afterRenewal(ca.rootCa, node.id, live);
          tx.update('clusters', ca);
        }
      });
    },

    getRootCa() {
      return Promise.resolve({ certPem: store.view(clusterOf).rootCa.certPem });
    },

    async issueNodeCertificate(req) {
      const cluster = store.view(clusterOf);
      const nodeId = formatId(randomBytes(ID_RANDOM_BYTES));
      const grant = await signJoinRequest(
        await signerOf(cluster),
        { token: req.token, csrPem: req.csrPem },
        {
          tokens: cluster.joinTokens,
          rootDigest: digestHex(cluster),
          clusterId: cluster.id,
          nodeId,
          now: new Date(),
          validityMs: cluster.spec.caConfig.nodeCertExpiryMs,
          minValidityMs: deps.minCertExpiryMs,
        },
      );
      if (req.advertiseAddr === '') {
        throw new InvalidArgumentError('Invalid join request: no advertise address');
      }
      await deps.write((tx) => {
        const raftId = grant.role === 'manager' ? newRaftId(tx) : undefined;
        tx.create(
          'nodes',
          newNodeObject({
            nodeId,
            hostname: req.hostname === '' ? nodeId : req.hostname,
            role: grant.role,
            advertiseAddr: req.advertiseAddr,
            ...(raftId === undefined ? {} : { raft: { id: raftId, addr: req.advertiseAddr } }),
            runtime: 'runc',
            platform: { os: 'linux', architecture: process.arch },
            resources: { nanoCpus: 0, memoryBytes: 0 },
          }),
        );
      });
      deps.log.info('node joined', { nodeId, role: grant.role, addr: req.advertiseAddr });
      return store.view((tx) => {
        const node = tx.get('nodes', nodeId) as Node;
        return withManagerExtras(tx, node, {
          certChainPem: grant.certChainPem,
          nodeId,
          role: grant.role,
          clusterId: cluster.id,
          trustedRootsPem: trustBundle(clusterOf(tx).rootCa),
        });
      });
    },

    async joinRaft(req, caller) {
      const node = await deps.read((tx) => tx.get('nodes', caller.nodeId));
      const raftId = Number(req.raftId);
      if (node?.managerStatus?.raftId !== raftId || node.spec.role !== 'manager') {
        throw new TsorchError(
          'PERMISSION_DENIED',
          `Permission denied: node "${caller.nodeId}" is not a manager with Raft id ${req.raftId}`,
        );
      }
      if (raft.status().voters.includes(raftId)) return;
      await raft.addMember(raftId, node.managerStatus.addr);
      deps.log.info('manager added to raft', { nodeId: node.id, raftId });
    },

    async nodeRole(caller) {
      return deps.read((tx) => {
        const node = tx.get('nodes', caller.nodeId);
        const { rootCa } = clusterOf(tx);
        return {
          role: node?.spec.role ?? caller.role,
          removed: node === undefined,
          trustedRootsPem: trustBundle(rootCa),
          caCertPem: rootCa.certPem,
        };
      });
    },

    async rotateRootCa() {
      const cluster = await deps.read(clusterOf);
      const nodeIds = store.view((tx) => tx.all('nodes').map((n) => n.id));
      const rotated = await rotateRootCa(cluster, nodeIds, {
        now: new Date(),
        randomBytes: (n) => randomBytes(n),
      });
      const rootCa = await deps.write((tx) => {
        const next = structuredClone<Cluster>(clusterOf(tx));
        if (next.rootCa.digest !== cluster.rootCa.digest) {
          throw new TsorchError(
            'STORE_CONFLICT',
            'The root CA changed while the rotation was prepared: run the rotation again',
          );
        }
        next.rootCa = rotated.rootCa;
        next.joinTokens = rotated.joinTokens;
        tx.update('clusters', next);
        return next.rootCa;
      });
      deps.log.info('root CA rotation started', {
        root: rootCa.digest,
        pendingNodes: rootCa.previous?.pendingNodeIds.length ?? 0,
      });
      return { status: caStatus(rootCa) };
    },

    async caStatus() {
      return { status: caStatus((await deps.read(clusterOf)).rootCa) };
    },

    async renewCertificate(req, caller) {
      const cluster = store.view(clusterOf);
      const node = await deps.read((tx) => tx.get('nodes', caller.nodeId));
      if (node === undefined) {
        throw new TsorchError(
          'CLUSTER_NOT_MEMBER',
          `Node "${caller.nodeId}" was removed from the cluster`,
        );
      }
      const role = node.spec.role;
      const issued = await issueNodeCertificate(await signerOf(cluster), req.csrPem, {
        nodeId: node.id,
        role,
        clusterId: cluster.id,
        now: new Date(),
        validityMs: cluster.spec.caConfig.nodeCertExpiryMs,
        minValidityMs: deps.minCertExpiryMs,
      });
      await deps.write((tx) => {
        const ca = structuredClone<Cluster>(clusterOf(tx));
        if (ca.rootCa.previous !== undefined && ca.rootCa.digest === cluster.rootCa.digest) {
          const live = new Set(tx.all('nodes').map((n) => n.id));
          ca.rootCa = afterRenewal(ca.rootCa, node.id, live);
          tx.update('clusters', ca);
        }
        const fresh = structuredClone(tx.get('nodes', node.id) as Node);
        fresh.role = role;
        if (role === 'manager' && fresh.managerStatus === undefined) {
          fresh.managerStatus = {
            raftId: newRaftId(tx),
            addr: fresh.advertiseAddr,
            reachability: 'unknown',
            leader: false,
          };
        }
        tx.update('nodes', fresh);
      });
      return {
        issued: store.view((tx) =>
          withManagerExtras(tx, tx.get('nodes', node.id) as Node, {
            certChainPem: issued.certChainPem,
            nodeId: node.id,
            role,
            clusterId: cluster.id,
            trustedRootsPem: trustBundle(clusterOf(tx).rootCa),
          }),
        ),
      };
    },

    async leaveCluster(caller: NodeIdentity) {
      const node = await deps.read((tx) => tx.get('nodes', caller.nodeId));
      if (node === undefined) return;
      const leaving = checkRemoval(node, 'leave', true);
      await deps.write((tx) => {
        const fresh = structuredClone(tx.get('nodes', node.id) as Node);
        delete fresh.managerStatus;
        fresh.status = { ...fresh.status, state: 'down', message: 'node left the cluster' };
        tx.update('nodes', fresh);
      });
      await removeVoter(leaving);
      deps.log.info('node left', { nodeId: node.id });
    },
  };
}

type NodeInfoArgs = Parameters<typeof nodeInfo>;

/** This machine's hostname, for the Node object. */
export function localHostname(): string {
  return osHostname();
}

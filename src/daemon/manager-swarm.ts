/**
 * A node's cluster membership at run time ({@link SwarmController}): `swarm init` turns the
 * running daemon into the first manager, `swarm join` makes it a worker or a manager, `swarm
 * leave` ends it, and a restart brings the manager back from disk. While the node is a manager it
 * runs a Raft member (WAL and snapshots under `<root>/swarm/raft`) with the store as its state
 * machine, and serves the cluster listener with mutual TLS. See docs/adr/019.
 *
 * @module
 */
import { randomBytes, randomInt, X509Certificate } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type * as grpc from '@grpc/grpc-js';
import {
  closeForwardClients,
  type ClusterBackend,
  type ManagerOps,
  type ManagerView,
  type Route,
} from '../api/cluster/index.js';
import type { IssueNodeCertificateResponse } from '../api/gen/tsorch/v1/IssueNodeCertificateResponse.js';
import type { SwarmInitResponse } from '../api/gen/tsorch/v1/SwarmInitResponse.js';
import type { SwarmJoinResponse } from '../api/gen/tsorch/v1/SwarmJoinResponse.js';
import type { ServiceBinding } from '../api/proto.js';
import {
  createReloadableClientCredentials,
  TlsIdentitySource,
  type ClientTls,
} from '../api/tls.js';
import {
  CERT_BACKDATE_MS,
  CLUSTER_NAME,
  CertRenewer,
  certificateValidity,
  createNodeKeyRequest,
  defaultClusterSpec,
  formatHostPort,
  ingressNetworkSpec,
  initClusterCa,
  isUnspecified,
  joinCluster,
  loadNodeCredentials,
  newClusterObject,
  newNodeObject,
  parseHostPort,
  parseJoinToken,
  pemCertificates,
  quorumLostError,
  quorumSize,
  saveNodeCredentials,
  verifyNodeCertificate,
  type CertValidity,
  type HostPort,
  type NodeCredentials,
} from '../manager/index.js';
import { createAesGcmCipher, RaftDriver } from '../raft/index.js';
import {
  AesGcmEncrypter,
  newObjectId,
  Store,
  type ApplyResult,
  type ReadTx,
  type WriteTx,
} from '../store/index.js';
import { hasCode, TsorchError } from '../util/errors.js';
import {
  clusterLeaderWaitMs,
  clusterProbeDeadlineMs,
  clusterRoleCheckPeriodMs,
  clusterForwardDeadlineMs,
} from '../util/limits.js';
import type { Logger } from '../util/log.js';
import type { Worker } from '../agent/index.js';
import type { DaemonConfig } from './config.js';
import {
  callManager,
  closeServer,
  listenCluster,
  localAddressTowards,
  pinnedTls,
  probe,
  unverifiedTls,
} from './manager-net.js';
import { trustBundle } from './manager-ca.js';
import {
  hasLockedKeys,
  loadLockedKeys,
  newDataKey,
  newUnlockKey,
  saveLockedKeys,
  type ManagerKeys,
} from './manager-lock.js';
import { localHostname, managerOps } from './manager-ops.js';
import {
  keyRingFromJson,
  keyRingToJson,
  loadKeyRing,
  loadSwarmState,
  newKeyRing,
  removeSwarmFiles,
  saveKeyRing,
  saveSwarmState,
  swarmPaths,
  type SwarmPaths,
  type SwarmState,
} from './manager-state.js';
import {
  managerServices,
  startManagerLoops,
  type AgentParts,
  type ManagerLoop,
  type ManagerParts,
  type NodeParts,
} from './node.js';
import { removeTaskContainers, startNodeWorker } from './worker.js';

/** What the controller needs from the daemon. */
export interface SwarmContext {
  config: DaemonConfig;
  log: Logger;
  agent: AgentParts;
  /** The local socket's server: manager services are added to it while the node is a manager. */
  localServer: grpc.Server;
  /** The cluster services (this controller's API), also served on the TCP listener. */
  clusterServices: () => ServiceBinding[];
}

interface RunningManager {
  parts: ManagerParts;
  raft: RaftDriver<ApplyResult | undefined>;
  tcp: grpc.Server;
  ops: ManagerOps;
  services: ServiceBinding[];
  loops: ManagerLoop[];
  lastActive: Map<number, number>;
  sampler: NodeJS.Timeout;
}

/** How long a new manager waits to see a leader after start. */
const LEADER_AFTER_START_MS = 15_000;
/** A peer counts as reachable this long after the leader last heard from it. */
const REACHABLE_WINDOW_MS = 3_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The node's cluster role and the manager it runs; implements the cluster API's backend. */
export class SwarmController implements ClusterBackend {
  readonly #ctx: SwarmContext;
  readonly #paths: SwarmPaths;
  #state: SwarmState | undefined;
  #credentials: NodeCredentials | undefined;
  #tls: TlsIdentitySource | undefined;
  /** Client credentials following {@link #tls}: renewed certificates apply to new connections. */
  #clientTlsCache: ClientTls | undefined;
  readonly #renewer: CertRenewer;
  /** Autolock: the manager's keys once unlocked (undefined without autolock). */
  #keys: ManagerKeys | undefined;
  /** A restarted autolocked manager waiting for `swarm unlock`. */
  #locked = false;
  /** The unlock key, in memory only (after `init --autolock` or `unlock`). */
  #unlockKey: string | undefined;
  #manager: RunningManager | undefined;
  /** This node's worker while it is a worker-only member (a manager runs its own, locally). */
  #worker: Worker | undefined;
  /** Serializes init, join, leave, role changes and start/stop. */
  #busy: Promise<unknown> = Promise.resolve();
  #roleTimer: NodeJS.Timeout | undefined;
  #checkingRole = false;

  constructor(ctx: SwarmContext) {
    this.#ctx = ctx;
    this.#paths = swarmPaths(ctx.config.root);
    this.#renewer = new CertRenewer({
      timers: {
        now: () => this.#now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
        clearTimeout: (handle) => {
          clearTimeout(handle as NodeJS.Timeout);
        },
      },
      rng: { next: () => Math.random() },
      backdateMs: CERT_BACKDATE_MS,
      renew: () => this.#renewCertificate(),
      onError: (err, retryInMs) => {
        ctx.log.warn('certificate renewal failed; retrying', { err, retryInMs });
      },
    });
  }

  /** This machine's clock as the node uses it for certificates (the offset is a test seam). */
  #now(): Date {
    return new Date(Date.now() + this.#ctx.config.clockOffsetMs);
  }

  /** Makes `credentials` the node's TLS identity (servers and clients follow without restart). */
  #install(credentials: NodeCredentials): void {
    this.#credentials = credentials;
    if (this.#tls === undefined) {
      this.#tls = new TlsIdentitySource(credentials);
      this.#clientTlsCache = createReloadableClientCredentials(this.#tls);
    } else {
      this.#tls.update(credentials);
    }
  }

  /** Renews this node's certificate now: a new key, signed by the cluster's CA (ADR 032). */
  #renewCertificate(): Promise<CertValidity> {
    return this.#exclusive(async () => {
      const state = this.#state;
      const current = this.#credentials;
      if (state === undefined || current === undefined) {
        throw new TsorchError('CLUSTER_NOT_MEMBER', 'This node is not part of a cluster');
      }
      const request = await createNodeKeyRequest();
      const issued = await this.#requestRenewal(state, request.csrPem);
      if (issued.role !== state.role) {
        // The role check changes the node over with a certificate for the new role.
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot renew the certificate now: the node is changing role to ${issued.role ?? ''}`,
        );
      }
      const credentials: NodeCredentials = {
        key: request.key,
        certChainPem: issued.certChainPem ?? '',
        trustedRootsPem: issued.trustedRootsPem || current.trustedRootsPem,
      };
      const verified = await verifyNodeCertificate(credentials.certChainPem, {
        trustedRootsPem: pemCertificates(credentials.trustedRootsPem),
        now: this.#now(),
      });
      await saveNodeCredentials(this.#paths.certificates, credentials);
      this.#install(credentials);
      this.#ctx.log.info('certificate renewed', {
        nodeId: state.nodeId,
        notAfter: verified.notAfter.toISOString(),
      });
      return { notBefore: verified.notBefore, notAfter: verified.notAfter };
    });
  }

  /** Asks the CA for a certificate for `csrPem`: the leader's ops on a manager, else a manager. */
  async #requestRenewal(state: SwarmState, csrPem: string): Promise<IssueNodeCertificateResponse> {
    type Renewed = { issued: IssueNodeCertificateResponse };
    if (this.#manager === undefined) {
      return (await this.#askManagers<Renewed>('RenewCertificate', { csrPem })).issued;
    }
    const route = await this.route({ leader: true });
    if (route.kind === 'forward') {
      const res = await callManager<Renewed>(
        route.address,
        route.tls,
        'Membership',
        'RenewCertificate',
        { csrPem },
      );
      return res.issued;
    }
    const res = await route.ops.renewCertificate(
      { csrPem },
      { nodeId: state.nodeId, role: state.role, clusterId: state.clusterId },
    );
    return res.issued ?? {};
  }

  #startRenewal(): void {
    const creds = this.#credentials;
    if (creds !== undefined) this.#renewer.start(certificateValidity(creds.certChainPem));
  }

  /** The node's parts for its current role. */
  get node(): NodeParts {
    const m = this.#manager;
    return m === undefined
      ? { role: 'worker', agent: this.#ctx.agent }
      : { role: 'manager', agent: this.#ctx.agent, manager: m.parts };
  }

  /** The node's id, or undefined outside a cluster. */
  nodeId(): string | undefined {
    return this.#state?.nodeId;
  }

  /** The node's cluster id, or undefined outside a cluster. */
  clusterId(): string | undefined {
    return this.#state?.clusterId;
  }

  #exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const next = this.#busy.then(fn, fn);
    this.#busy = next.catch(() => undefined);
    return next;
  }

  /** Brings back the node's cluster role from disk (a manager restarts its Raft member). */
  start(): Promise<void> {
    return this.#exclusive(async () => {
      const state = await loadSwarmState(this.#paths);
      if (state === undefined) return;
      const credentials = await loadNodeCredentials(this.#paths.certificates);
      if (credentials === undefined) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot restore the cluster membership: no credentials in "${this.#paths.certificates}"`,
          { hint: 'run "tsorch swarm leave --force" and join again' },
        );
      }
      this.#state = state;
      this.#install(credentials);
      if (state.role === 'manager' && (await hasLockedKeys(this.#paths.lockedKeys))) {
        this.#locked = true;
        this.#ctx.log.warn('this node is locked: run "tsorch swarm unlock"', {
          nodeId: state.nodeId,
        });
        return;
      }
      if (state.role === 'manager') await this.#startManager(state, false);
      else this.#startWorker(state);
      this.#watchRole();
      this.#startRenewal();
      this.#ctx.log.info('cluster membership restored', { nodeId: state.nodeId, role: state.role });
    });
  }

  /** Stops the manager or worker, if running (daemon shutdown); the membership stays on disk. */
  stop(): Promise<void> {
    this.#unwatchRole();
    this.#renewer.stop();
    return this.#exclusive(async () => {
      await this.#stopWorker();
      await this.#stopManager();
    });
  }

  // ClusterBackend ------------------------------------------------------------------------------

  /** `swarm unlock`: opens a locked manager's keys with `unlockKey` and starts its manager. */
  unlock(req: { unlockKey: string }): Promise<void> {
    return this.#exclusive(async () => {
      const state = this.#state;
      if (state === undefined || !this.#locked) {
        throw new TsorchError('FAILED_PRECONDITION', 'This node is not locked', {
          hint: 'only a restarted manager of a cluster with autolock needs "tsorch swarm unlock"',
        });
      }
      this.#keys = await loadLockedKeys(this.#paths.lockedKeys, req.unlockKey);
      this.#unlockKey = req.unlockKey.trim();
      this.#locked = false;
      await this.#startManager(state, false);
      this.#watchRole();
      this.#startRenewal();
      this.#ctx.log.info('node unlocked', { nodeId: state.nodeId });
    });
  }

  /** `swarm unlock-key [--rotate]`: this manager's unlock key; rotating re-wraps its keys. */
  unlockKey(req: { rotate: boolean }): Promise<{ unlockKey: string }> {
    return this.#exclusive(async () => {
      const keys = this.#keys;
      const current = this.#unlockKey;
      if (keys === undefined || current === undefined) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          this.#locked
            ? 'This node is locked: run tsorch swarm unlock'
            : 'Autolock is not on for this node',
          { hint: 'autolock is chosen at "tsorch swarm init --autolock"' },
        );
      }
      if (!req.rotate) return { unlockKey: current };
      const next = newUnlockKey();
      await saveLockedKeys(this.#paths.lockedKeys, next, keys);
      this.#unlockKey = next;
      this.#ctx.log.info('unlock key rotated');
      return { unlockKey: next };
    });
  }

  init(req: {
    listenAddr: string;
    advertiseAddr: string;
    certExpiryMs: string;
    autolock: boolean;
  }): Promise<SwarmInitResponse> {
    return this.#exclusive(async () => {
      this.#refuseMember();
      const { config } = this.#ctx;
      const listen = parseHostPort(
        req.listenAddr || config.listenAddr || '0.0.0.0',
        '--listen-addr',
      );
      const advertise = this.#advertise(req.advertiseAddr || config.advertiseAddr, listen);
      const expiry = Number(req.certExpiryMs);
      const ca = await initClusterCa({
        now: new Date(),
        randomBytes: (n) => randomBytes(n),
        minNodeCertValidityMs: config.minCertExpiryMs,
        ...(expiry > 0 ? { nodeCertValidityMs: expiry } : {}),
      });
      const ring = newKeyRing();
      const raftId = randomInt(1, 2 ** 32 - 1);
      const advertiseAddr = formatHostPort(advertise);
      let unlockKey = '';
      const state: SwarmState = {
        clusterId: ca.clusterId,
        nodeId: ca.nodeId,
        role: 'manager',
        raftId,
        listenAddr: formatHostPort(listen),
        advertiseAddr,
        managers: [advertiseAddr],
        members: { [raftId]: advertiseAddr },
      };
      await removeSwarmFiles(this.#paths);
      try {
        await saveNodeCredentials(this.#paths.certificates, ca.credentials);
        if (req.autolock) {
          this.#keys = { dek: newDataKey(), keyRingJson: keyRingToJson(ring) };
          unlockKey = newUnlockKey();
          this.#unlockKey = unlockKey;
          await saveLockedKeys(this.#paths.lockedKeys, unlockKey, this.#keys);
        } else {
          await saveKeyRing(this.#paths, ring);
        }
        this.#install(ca.credentials);
        this.#state = state;
        const m = await this.#startManager(state, true);
        await this.#waitLeader(m);
        await m.parts.store.update((tx) => {
          tx.create(
            'clusters',
            newClusterObject({
              clusterId: ca.clusterId,
              spec: defaultClusterSpec(expiry > 0 ? expiry : undefined),
              rootCertPem: ca.root.certPem,
              rootKeyPem: ca.root.key.toPkcs8Pem(),
              rootDigestHex: ca.root.digest,
              tokens: ca.tokens,
              keyId: ring.currentKeyId,
            }),
          );
          tx.create('nodes', this.#selfNode(state));
          // The routing mesh's network, as Docker's swarm init makes it (ADR 027).
          tx.create('networks', {
            id: newObjectId(),
            spec: ingressNetworkSpec(),
            ipam: [],
            pendingDelete: false,
          });
        });
        await saveSwarmState(this.#paths, state);
      } catch (err) {
        await this.#abandon();
        throw err;
      }
      this.#watchRole();
      this.#startRenewal();
      this.#ctx.log.info('cluster initialized', {
        clusterId: ca.clusterId,
        nodeId: ca.nodeId,
        advertiseAddr,
      });
      return {
        nodeId: ca.nodeId,
        clusterId: ca.clusterId,
        advertiseAddr,
        workerToken: ca.tokens.worker,
        unlockKey,
      };
    });
  }

  join(req: {
    token: string;
    remoteAddr: string;
    listenAddr: string;
    advertiseAddr: string;
  }): Promise<SwarmJoinResponse> {
    return this.#exclusive(async () => {
      this.#refuseMember();
      parseJoinToken(req.token);
      const { config } = this.#ctx;
      const remote = parseHostPort(req.remoteAddr, 'the manager address');
      const remoteAddr = formatHostPort(remote);
      const listen = parseHostPort(
        req.listenAddr || config.listenAddr || '0.0.0.0',
        '--listen-addr',
      );
      const given = req.advertiseAddr || config.advertiseAddr;
      const seen = await localAddressTowards(remote.host, remote.port);
      const advertise =
        given !== ''
          ? parseHostPort(given, '--advertise-addr', listen.port)
          : { host: isUnspecified(listen.host) ? seen : listen.host, port: listen.port };
      const advertiseAddr = formatHostPort(advertise);
      await removeSwarmFiles(this.#paths);
      let issued: IssueNodeCertificateResponse | undefined;
      let rootPem = '';
      const result = await joinCluster(req.token, {
        now: () => this.#now(),
        transport: {
          fetchRootCa: async () => {
            const res = await callManager<{ certPem: string }>(
              remoteAddr,
              unverifiedTls(),
              'NodeCa',
              'GetRootCa',
              {},
            );
            rootPem = res.certPem;
            return rootPem;
          },
          requestCertificate: async ({ token, csrPem }) => {
            issued = await callManager<IssueNodeCertificateResponse>(
              remoteAddr,
              pinnedTls(rootPem),
              'NodeCa',
              'IssueNodeCertificate',
              { token, csrPem, hostname: localHostname(), advertiseAddr },
            );
            return issued.certChainPem ?? '';
          },
        },
      });
      const granted = issued as IssueNodeCertificateResponse;
      const role = result.identity.role;
      // During a root rotation the node also trusts the previous root (pinned connection).
      if (granted.trustedRootsPem) result.credentials.trustedRootsPem = granted.trustedRootsPem;
      const state: SwarmState = {
        clusterId: result.identity.clusterId,
        nodeId: result.identity.nodeId,
        role,
        listenAddr: formatHostPort(listen),
        advertiseAddr,
        managers: [remoteAddr, ...(granted.members ?? []).map((m) => m.addr ?? '')].filter(
          (a, i, all) => a !== '' && all.indexOf(a) === i,
        ),
      };
      try {
        await saveNodeCredentials(this.#paths.certificates, result.credentials);
        this.#install(result.credentials);
        this.#state = state;
        if (role === 'manager') await this.#becomeManager(state, granted, remoteAddr);
        await saveSwarmState(this.#paths, state);
        if (role === 'worker') this.#startWorker(state);
      } catch (err) {
        await this.#abandon();
        throw err;
      }
      this.#watchRole();
      this.#startRenewal();
      this.#ctx.log.info('joined the cluster', { nodeId: state.nodeId, role, manager: remoteAddr });
      return { nodeId: state.nodeId, role };
    });
  }

  leave(req: { force: boolean }): Promise<void> {
    return this.#exclusive(async () => {
      const state = this.#state;
      if (state === undefined) {
        throw new TsorchError('CLUSTER_NOT_MEMBER', 'This node is not part of a cluster', {
          hint: 'create one with "tsorch swarm init", or join one with "tsorch swarm join"',
        });
      }
      if (state.role === 'manager' && !req.force) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          'This node is a manager: leaving removes it from the Raft group and can cost the cluster its quorum',
          { hint: 'demote it first ("tsorch node demote <node>"), or add --force to leave anyway' },
        );
      }
      // First the worker: its session would mark the node ready again after the leave.
      await this.#stopWorker();
      await this.#announceLeave().catch((err: unknown) => {
        this.#ctx.log.warn('could not tell the cluster this node leaves', { err });
      });
      await this.#abandon();
      // Swarm's leave: the node's tasks end with its membership (a manager's too, with --force).
      await removeTaskContainers(this.#ctx.agent, this.#ctx.config, this.#ctx.log);
      this.#ctx.log.info('left the cluster', { nodeId: state.nodeId });
    });
  }

  async route(options: { leader: boolean }): Promise<Route> {
    if (this.#locked) {
      throw new TsorchError('CLUSTER_LOCKED', 'This node is locked: run tsorch swarm unlock', {
        hint: 'the cluster has autolock on: "tsorch swarm unlock" asks for the unlock key',
      });
    }
    const m = this.#manager;
    if (m === undefined) {
      throw new TsorchError(
        'CLUSTER_NOT_MANAGER',
        this.#state === undefined
          ? 'This node is not a cluster manager: it is in no cluster'
          : 'This node is not a cluster manager: it is a worker',
        {
          hint:
            this.#state === undefined
              ? 'run "tsorch swarm init" to create a cluster, or "tsorch swarm join" to join one'
              : 'run the command on a manager node, or point --host at one',
        },
      );
    }
    if (!options.leader) return { kind: 'local', ops: m.ops };
    const deadline = Date.now() + clusterLeaderWaitMs;
    for (;;) {
      const st = m.raft.status();
      if (st.role === 'leader') return { kind: 'local', ops: m.ops };
      if (st.leader !== 0 && st.leaderAddress !== undefined) {
        return { kind: 'forward', address: st.leaderAddress, tls: this.#clientTls() };
      }
      if (Date.now() >= deadline) throw await this.#quorumError(m);
      await sleep(100);
    }
  }

  // Internals -----------------------------------------------------------------------------------

  #refuseMember(): void {
    if (this.#state !== undefined) {
      throw new TsorchError(
        'CLUSTER_ALREADY_MEMBER',
        `This node is already part of a cluster (node "${this.#state.nodeId}", ${this.#state.role})`,
        { hint: 'leave it first with "tsorch swarm leave" (a manager needs --force)' },
      );
    }
  }

  #advertise(given: string, listen: HostPort): HostPort {
    if (given !== '') return parseHostPort(given, '--advertise-addr', listen.port);
    if (!isUnspecified(listen.host)) return listen;
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (a.family === 'IPv4' && !a.internal) return { host: a.address, port: listen.port };
      }
    }
    throw new TsorchError(
      'INVALID_ARGUMENT',
      'Cannot choose an address other nodes reach this one at: the machine has no external IPv4 address',
      { hint: 'give one with --advertise-addr ADDR[:PORT]' },
    );
  }

  #clientTls(): ClientTls {
    const tls = this.#clientTlsCache;
    if (tls === undefined)
      throw new TsorchError('CLUSTER_NOT_MEMBER', 'This node has no certificate');
    return tls;
  }

  #selfNode(state: SwarmState): ReturnType<typeof newNodeObject> {
    return newNodeObject({
      nodeId: state.nodeId,
      hostname: localHostname(),
      role: state.role,
      advertiseAddr: state.advertiseAddr,
      ...(state.raftId === undefined
        ? {}
        : { raft: { id: state.raftId, addr: state.advertiseAddr } }),
      runtime: this.#ctx.config.runtime,
      platform: { os: 'linux', architecture: process.arch },
      resources: { nanoCpus: 0, memoryBytes: 0 },
    });
  }

  async #becomeManager(
    state: SwarmState,
    granted: IssueNodeCertificateResponse,
    via: string,
  ): Promise<void> {
    state.raftId = Number(granted.raftId);
    state.members = Object.fromEntries(
      (granted.members ?? []).map((m) => [m.raftId ?? '', m.addr ?? '']),
    );
    await saveKeyRing(this.#paths, keyRingFromJson(granted.keyRingJson ?? ''));
    const m = await this.#startManager(state, false);
    await callManager(via, this.#clientTls(), 'Membership', 'JoinRaft', {
      raftId: String(state.raftId),
      addr: state.advertiseAddr,
    });
    await this.#waitLeader(m);
  }

  async #startManager(state: SwarmState, bootstrap: boolean): Promise<RunningManager> {
    const { log } = this.#ctx;
    const tls = this.#tls;
    const raftId = state.raftId;
    if (tls === undefined || raftId === undefined) {
      throw new TsorchError(
        'FAILED_PRECONDITION',
        'Cannot start the manager: no credentials or Raft id',
      );
    }
    const tcp = await listenCluster(
      state.listenAddr,
      tls,
      state.clusterId,
      this.#ctx.clusterServices(),
    );
    let raft: RaftDriver<ApplyResult | undefined> | undefined;
    try {
      const keys = this.#keys;
      const ring =
        keys === undefined ? await loadKeyRing(this.#paths) : keyRingFromJson(keys.keyRingJson);
      const store = new Store({ encrypter: new AesGcmEncrypter(ring) });
      const peers = new Map<number, string>(
        Object.entries(state.members ?? {}).map(([id, addr]) => [Number(id), addr]),
      );
      peers.set(raftId, state.advertiseAddr);
      const client = this.#clientTls();
      raft = await RaftDriver.start<ApplyResult | undefined>({
        id: raftId,
        dataDir: this.#paths.raft,
        listenAddress: state.listenAddr,
        server: tcp,
        peers: bootstrap ? new Map([[raftId, state.advertiseAddr]]) : peers,
        bootstrap,
        stateMachine: store,
        channelCredentials: client.credentials,
        channelOptions: client.options,
        ...(keys && { cipher: createAesGcmCipher(keys.dek) }),
      });
      store.setProposer(raft);
      const driver = raft;
      const parts: ManagerParts = {
        store,
        raft,
        nodeId: state.nodeId,
        clusterId: state.clusterId,
        leaderRoute: () => this.route({ leader: true }),
      };
      const lastActive = new Map<number, number>();
      const m: RunningManager = {
        parts,
        raft,
        tcp,
        ops: managerOps({
          store,
          raft,
          nodeId: state.nodeId,
          clusterId: state.clusterId,
          keyRingJson: keyRingToJson(ring),
          minCertExpiryMs: this.#ctx.config.minCertExpiryMs,
          managerViews: () => this.#views(m),
          write: (fn) => this.#write(m, fn),
          read: (fn) => this.#read(m, fn),
          log: log.with({ component: 'cluster' }),
        }),
        services: managerServices(parts, log, this.#ctx.agent),
        loops: [],
        lastActive,
        sampler: setInterval(() => {
          const now = Date.now();
          for (const id of driver.status().activePeers ?? []) lastActive.set(id, now);
        }, 250),
      };
      for (const s of m.services) {
        this.#ctx.localServer.addService(s.definition, s.implementation);
        tcp.addService(s.definition, s.implementation);
      }
      m.loops = startManagerLoops(parts, log, { ...this.#ctx, advertiseAddr: state.advertiseAddr });
      this.#manager = m;
      return m;
    } catch (err) {
      await raft?.stop();
      await closeServer(tcp);
      throw err;
    }
  }

  async #stopManager(): Promise<void> {
    const m = this.#manager;
    if (m === undefined) return;
    this.#manager = undefined;
    clearInterval(m.sampler);
    for (const loop of m.loops) {
      await loop.stop().catch((err: unknown) => {
        this.#ctx.log.error('manager loop stop failed', { err });
      });
    }
    for (const s of m.services) this.#ctx.localServer.removeService(s.definition);
    m.parts.store.close();
    await m.raft.stop();
    await closeServer(m.tcp);
    closeForwardClients();
  }

  /** Stops everything and forgets the membership (leave, or a failed init or join). */
  async #abandon(): Promise<void> {
    this.#unwatchRole();
    this.#renewer.stop();
    await this.#stopWorker();
    await this.#stopManager();
    this.#state = undefined;
    this.#credentials = undefined;
    this.#tls = undefined;
    this.#clientTlsCache = undefined;
    this.#keys = undefined;
    this.#unlockKey = undefined;
    this.#locked = false;
    await removeSwarmFiles(this.#paths);
  }

  /** Tells the cluster this node leaves (a manager is removed from Raft first). */
  async #announceLeave(): Promise<void> {
    const m = this.#manager;
    const state = this.#state;
    if (state === undefined) return;
    if (m !== undefined) {
      const st = m.raft.status();
      if (st.voters.length <= 1) return;
      if (st.role === 'leader') {
        const other = st.voters.find((v) => v !== st.id);
        if (other !== undefined) m.raft.transferLeadership(other);
        const until = Date.now() + clusterLeaderWaitMs;
        while (m.raft.status().role === 'leader' && Date.now() < until) await sleep(100);
      }
      const route = await this.route({ leader: true });
      if (route.kind === 'forward') {
        await callManager(route.address, route.tls, 'Membership', 'LeaveCluster', {});
      }
      return;
    }
    await this.#askManagers('LeaveCluster', {});
  }

  /** Calls a Membership RPC on the first known manager that answers it. */
  async #askManagers<Res>(method: string, request: unknown): Promise<Res> {
    const tls = this.#clientTls();
    let last: unknown = new TsorchError('CLUSTER_MANAGER_UNREACHABLE', 'No manager is known');
    for (const addr of this.#managerAddrs()) {
      try {
        return await callManager<Res>(addr, tls, 'Membership', method, request);
      } catch (err) {
        last = err;
      }
    }
    throw last;
  }

  /** Managers to ask: those in the local store (on a manager), then those known at join. */
  #managerAddrs(): string[] {
    const state = this.#state;
    const m = this.#manager;
    const fromStore =
      m === undefined
        ? []
        : m.parts.store.view((tx) =>
            tx
              .all('nodes')
              .filter((n) => n.managerStatus !== undefined && n.id !== state?.nodeId)
              .map((n) => n.managerStatus?.addr ?? ''),
          );
    return [...fromStore, ...(state?.managers ?? [])].filter(
      (a, i, all) => a !== '' && a !== state?.advertiseAddr && all.indexOf(a) === i,
    );
  }

  /** Starts the periodic check of this node's desired role (promote, demote, removal). */
  #watchRole(): void {
    if (this.#roleTimer !== undefined) return;
    this.#roleTimer = setInterval(() => {
      if (this.#checkingRole) return;
      this.#checkingRole = true;
      this.#exclusive(() => this.#checkRole())
        .catch((err: unknown) => {
          this.#ctx.log.debug('role check failed', { err });
        })
        .finally(() => {
          this.#checkingRole = false;
        });
    }, clusterRoleCheckPeriodMs);
    this.#roleTimer.unref();
  }

  #unwatchRole(): void {
    clearInterval(this.#roleTimer);
    this.#roleTimer = undefined;
  }

  /** Changes this node over when the cluster wants another role for it. */
  async #checkRole(): Promise<void> {
    const state = this.#state;
    if (state === undefined) return;
    const m = this.#manager;
    if (m !== undefined) {
      const st = m.raft.status();
      const self = m.parts.store.view((tx) => tx.get('nodes', state.nodeId));
      const demoted =
        self?.spec.role === 'worker' || (st.voters.length > 0 && !st.voters.includes(st.id));
      if (demoted) {
        await this.#changeRole('worker');
        return;
      }
      const rootCa = m.parts.store.view((tx) => tx.getByName('clusters', CLUSTER_NAME))?.rootCa;
      if (rootCa !== undefined) await this.#followRoots(trustBundle(rootCa), rootCa.certPem);
      return;
    }
    const answer = await this.#askManagers<{
      role: string;
      removed: boolean;
      trustedRootsPem: string;
      caCertPem: string;
    }>('NodeRole', {});
    if (answer.removed) {
      this.#ctx.log.warn('this node was removed from the cluster; leaving');
      await this.#abandon();
      return;
    }
    if (answer.role === 'manager') {
      await this.#changeRole('manager');
      return;
    }
    await this.#followRoots(answer.trustedRootsPem, answer.caCertPem);
  }

  /**
   * Follows a root CA rotation (ADR 032): trusts the cluster's current bundle of roots, and
   * renews at once when this node's certificate was not issued by the root that signs now.
   */
  async #followRoots(bundlePem: string, caCertPem: string): Promise<void> {
    const current = this.#credentials;
    if (current === undefined || bundlePem === '' || caCertPem === '') return;
    const same =
      pemCertificates(bundlePem).join('\n') === pemCertificates(current.trustedRootsPem).join('\n');
    if (!same) {
      const credentials = { ...current, trustedRootsPem: bundlePem };
      await saveNodeCredentials(this.#paths.certificates, credentials);
      this.#install(credentials);
      this.#ctx.log.info('trusted root CAs updated', { roots: pemCertificates(bundlePem).length });
    }
    const leaf = new X509Certificate(pemCertificates(current.certChainPem)[0] ?? '');
    if (leaf.issuer !== new X509Certificate(caCertPem).subject) this.#renewer.renewSoon();
  }

  /** Gets a certificate for `role` and starts or stops the manager accordingly. */
  async #changeRole(role: 'manager' | 'worker'): Promise<void> {
    const state = this.#state;
    if (state === undefined) return;
    const request = await createNodeKeyRequest();
    const { issued } = await this.#askManagers<{ issued: IssueNodeCertificateResponse }>(
      'RenewCertificate',
      { csrPem: request.csrPem },
    );
    if (issued.role !== role) return;
    const credentials: NodeCredentials = {
      key: request.key,
      certChainPem: issued.certChainPem ?? '',
      trustedRootsPem: issued.trustedRootsPem || (this.#credentials?.trustedRootsPem ?? ''),
    };
    const known = this.#managerAddrs();
    const via = known[0] ?? '';
    // A promoted node's manager runs its own worker on the local socket.
    await this.#stopWorker();
    await this.#stopManager();
    // A demoted manager reaches the cluster through the others from now on.
    if (known.length > 0) state.managers = known;
    await saveNodeCredentials(this.#paths.certificates, credentials);
    this.#install(credentials);
    this.#startRenewal();
    state.role = role;
    if (role === 'manager') {
      await rm(this.#paths.raft, { recursive: true, force: true });
      await this.#becomeManager(state, issued, via);
    } else {
      delete state.raftId;
      delete state.members;
      await rm(this.#paths.raft, { recursive: true, force: true });
      await rm(this.#paths.keyRing, { force: true });
      await rm(this.#paths.lockedKeys, { force: true });
      this.#keys = undefined;
      this.#unlockKey = undefined;
      this.#startWorker(state);
    }
    await saveSwarmState(this.#paths, state);
    this.#ctx.log.info('node role changed', { nodeId: state.nodeId, role });
  }

  /**
   * Starts the worker of a worker-only member: it keeps a session with one of the managers known
   * in the node's state, over mutual TLS with the node's current certificate.
   */
  #startWorker(state: SwarmState): void {
    if (this.#worker !== undefined) return;
    const { agent, config, log } = this.#ctx;
    this.#worker = startNodeWorker(
      agent,
      config,
      {
        managers: [...state.managers],
        tls: () => this.#clientTls(),
        advertiseAddr: state.advertiseAddr,
        onManagers: (managers) => {
          this.#keepManagers(state, managers);
        },
      },
      log,
    );
  }

  /**
   * Keeps the managers a worker learned from its sessions in the node's state, so a restarted
   * worker finds managers that joined after it; skipped once the node left or changed role.
   */
  #keepManagers(state: SwarmState, managers: readonly string[]): void {
    void this.#exclusive(async () => {
      if (this.#state !== state || state.role !== 'worker') return;
      state.managers = managers.filter((a) => a !== state.advertiseAddr);
      await saveSwarmState(this.#paths, state);
    }).catch((err: unknown) => {
      this.#ctx.log.warn('could not keep the managers learned', { err });
    });
  }

  async #stopWorker(): Promise<void> {
    const w = this.#worker;
    if (w === undefined) return;
    this.#worker = undefined;
    await w.stop().catch((err: unknown) => {
      this.#ctx.log.error('worker stop failed', { err });
    });
  }

  async #waitLeader(m: RunningManager): Promise<void> {
    const until = Date.now() + LEADER_AFTER_START_MS;
    while (Date.now() < until) {
      const st = m.raft.status();
      if (st.leader !== 0 && st.applied >= st.commit) return;
      await sleep(50);
    }
    throw await this.#quorumError(m);
  }

  #views(m: RunningManager): Map<number, ManagerView> {
    const st = m.raft.status();
    const now = Date.now();
    for (const id of st.activePeers ?? []) m.lastActive.set(id, now);
    const views = new Map<number, ManagerView>();
    for (const id of st.voters) {
      const seen = m.lastActive.get(id);
      const reachable = id === st.id || (seen !== undefined && now - seen < REACHABLE_WINDOW_MS);
      views.set(id, {
        reachability:
          st.role !== 'leader' && id !== st.id
            ? 'unknown'
            : reachable
              ? 'reachable'
              : 'unreachable',
        leader: st.leader === id,
      });
    }
    return views;
  }

  /** The quorum error, after probing the other managers over TLS. */
  async #quorumError(m: RunningManager): Promise<TsorchError> {
    const st = m.raft.status();
    const addrs = m.parts.store.view((tx) =>
      tx
        .all('nodes')
        .filter((n) => n.managerStatus !== undefined && n.managerStatus.raftId !== st.id)
        .map((n) => n.managerStatus?.addr ?? ''),
    );
    const total = Math.max(st.voters.length, addrs.length + 1);
    const tls = this.#clientTls();
    const up = await Promise.all(addrs.map((a) => probe(a, tls, clusterProbeDeadlineMs)));
    const reachable = 1 + up.filter(Boolean).length;
    if (reachable >= quorumSize(total)) {
      return new TsorchError('CLUSTER_MANAGER_UNREACHABLE', 'No leader is elected yet', {
        hint: 'retry in a few seconds: the managers are electing a leader',
      });
    }
    return quorumLostError(reachable, total);
  }

  async #write<R>(m: RunningManager, fn: (tx: WriteTx) => R): Promise<R> {
    try {
      return await m.parts.store.update(fn, {
        signal: AbortSignal.timeout(clusterForwardDeadlineMs / 2),
      });
    } catch (err) {
      throw await this.#consensusError(m, err);
    }
  }

  async #read<R>(m: RunningManager, fn: (tx: ReadTx) => R): Promise<R> {
    try {
      return await m.parts.store.linearizableView(fn, {
        signal: AbortSignal.timeout(clusterLeaderWaitMs),
      });
    } catch (err) {
      throw await this.#consensusError(m, err);
    }
  }

  async #consensusError(m: RunningManager, err: unknown): Promise<unknown> {
    const consensus =
      hasCode(err, 'CANCELLED') ||
      hasCode(err, 'RAFT_PROPOSAL_DROPPED') ||
      hasCode(err, 'RAFT_NOT_LEADER') ||
      (err instanceof Error && err.name === 'TimeoutError');
    if (!consensus) return err;
    return this.#quorumError(m);
  }
}

/**
 * The dispatcher (manager side of docs/adr/020-dispatcher-protocol.md): node sessions,
 * heartbeat deadlines, node status (`ready`, `disconnected`, `down`) written to the store, each
 * node's assignments computed from the store and followed with a watch, and task status updates
 * committed in batches. It has no timers and no transport: time comes from `nowMs`, the caller
 * runs {@link Dispatcher.tick} periodically ({@link startDispatcher} does, on real timers), and
 * the gRPC adapter (src/api/dispatcher) or a simulation calls {@link Dispatcher.forNode}.
 *
 * @module
 */
import {
  isTaskState,
  type AssignmentsMessage,
  type CallOptions,
  type DispatcherCalls,
  type Node,
  type NodeStatus,
  type SessionMessage,
  type SessionRequest,
  type Store,
  type TaskStatusUpdate,
} from '../../store/index.js';
import { NotFoundError, TsorchError } from '../../util/errors.js';
import {
  dispatcherChangesPerMessageMax,
  dispatcherHeartbeatJitterRatio,
  dispatcherHeartbeatMissedMax,
  dispatcherHeartbeatPeriodMs,
  dispatcherSessionQueueMessages,
  dispatcherStatusUpdatesPerCallMax,
} from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import type { Prng } from '../../util/prng.js';
import { NodeAssignments } from './assignments.js';
import { Channel } from './channel.js';
import { StatusBatcher } from './status-batch.js';

/** Whether this manager leads the Raft group, and where the leader is. */
export interface DispatcherLeadership {
  leader: boolean;
  /** The leader's address, when known (sent to agents that came to a follower). */
  leaderAddress?: string | undefined;
}

/** Options of a {@link Dispatcher}. */
export interface DispatcherOptions {
  /** Milliseconds on a monotonic-enough clock (virtual in simulations). */
  nowMs: () => number;
  /** Heartbeat jitter and session ids. */
  rng: Prng;
  log: Logger;
  /** Overrides the cluster's `dispatcher.heartbeatPeriodMs`. */
  heartbeatPeriodMs?: number;
  /** Default: always the leader (a single manager). */
  leadership?: () => DispatcherLeadership;
}

/** Who is calling, as the transport established it. */
export interface Caller {
  nodeId: string;
  /** The address the call came from, recorded in the node's status. */
  addr: string;
}

interface Session {
  id: string;
  nodeId: string;
  channel: Channel<SessionMessage>;
  /** Aborted when the session ends: its assignment streams end with it. */
  abort: AbortController;
  managers: string[];
}

const agentStates = new Set(['ACCEPTED', 'PREPARING', 'READY', 'STARTING', 'RUNNING']);
const agentEndStates = new Set(['COMPLETE', 'FAILED', 'SHUTDOWN', 'REJECTED']);

/** The manager side of the dispatcher protocol. */
export class Dispatcher {
  readonly #store: Store;
  readonly #o: DispatcherOptions;
  readonly #log: Logger;
  readonly #status: StatusBatcher;
  /** Open sessions by node id. */
  readonly #sessions = new Map<string, Session>();
  /** Heartbeat deadline of every node this dispatcher is responsible for. */
  readonly #deadlines = new Map<string, number>();
  #leading = false;
  #closed = false;

  constructor(store: Store, options: DispatcherOptions) {
    this.#store = store;
    this.#o = options;
    this.#log = options.log;
    this.#status = new StatusBatcher(store, options.log);
  }

  /** Number of open sessions. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** The base heartbeat period: the option, the cluster's setting, or 5 s. */
  heartbeatPeriodMs(): number {
    if (this.#o.heartbeatPeriodMs !== undefined) return this.#o.heartbeatPeriodMs;
    const cluster = this.#store.view((tx) => tx.all('clusters')[0]);
    const p = cluster?.spec.dispatcher.heartbeatPeriodMs ?? 0;
    return p > 0 ? p : dispatcherHeartbeatPeriodMs;
  }

  #jitteredPeriodMs(): number {
    const base = this.heartbeatPeriodMs();
    return base + Math.floor(this.#o.rng.next() * base * dispatcherHeartbeatJitterRatio);
  }

  #leadership(): DispatcherLeadership {
    return this.#o.leadership?.() ?? { leader: true };
  }

  /**
   * Follows leadership: on gaining it, every node in the store gets a fresh grace of 3 periods
   * to open a session here before it is marked down; on losing it, every session ends (agents
   * go to the new leader).
   */
  #syncLeadership(): DispatcherLeadership {
    const l = this.#leadership();
    if (l.leader && !this.#leading) {
      this.#leading = true;
      const deadline = this.#o.nowMs() + dispatcherHeartbeatMissedMax * this.heartbeatPeriodMs();
      for (const node of this.#store.view((tx) => tx.all('nodes')))
        if (node.status.state !== 'down') this.#deadlines.set(node.id, deadline);
    } else if (!l.leader && this.#leading) {
      this.#leading = false;
      this.#deadlines.clear();
      for (const s of [...this.#sessions.values()]) this.#end(s, notLeader(l));
    }
    return l;
  }

  /**
   * Marks nodes whose deadline passed as down (one transaction), ends their sessions, and
   * resends the manager list to sessions when it changed. Call it a few times per period.
   */
  async tick(): Promise<void> {
    if (this.#closed) return;
    this.#syncLeadership();
    if (!this.#leading) return;
    const now = this.#o.nowMs();
    const expired: string[] = [];
    for (const [nodeId, deadline] of this.#deadlines) if (deadline <= now) expired.push(nodeId);
    for (const nodeId of expired) {
      this.#deadlines.delete(nodeId);
      const s = this.#sessions.get(nodeId);
      if (s !== undefined)
        this.#end(s, sessionInvalid(`Session of node "${nodeId}" expired: no heartbeat in time`));
    }
    const missed = dispatcherHeartbeatMissedMax * this.heartbeatPeriodMs();
    if (expired.length > 0)
      await this.#setNodeStatus(expired, () => ({
        state: 'down',
        message: `heartbeat failure: no heartbeat for ${missed / 1000} s`,
      }));
    this.#refreshManagers();
  }

  #managers(): string[] {
    const nodes = this.#store.view((tx) => tx.find('nodes', 'role', 'manager'));
    const withStatus = nodes.filter((n) => n.managerStatus !== undefined);
    withStatus.sort((a, b) => Number(b.managerStatus?.leader) - Number(a.managerStatus?.leader));
    return withStatus.map((n) => n.managerStatus?.addr ?? '').filter((a) => a !== '');
  }

  #refreshManagers(): void {
    if (this.#sessions.size === 0) return;
    const managers = this.#managers();
    for (const s of this.#sessions.values()) {
      if (sameList(s.managers, managers)) continue;
      s.managers = managers;
      s.channel.push({ sessionId: s.id, nodeId: s.nodeId, managers });
    }
  }

  async #setNodeStatus(
    nodeIds: readonly string[],
    status: (node: Node) => Omit<NodeStatus, 'addr'> & { addr?: string },
  ): Promise<void> {
    try {
      await this.#store.update((tx) => {
        for (const id of nodeIds) {
          const node = tx.get('nodes', id);
          if (node === undefined) continue;
          const next = { addr: node.status.addr, ...status(node) };
          if (next.state === node.status.state && next.message === node.status.message) continue;
          tx.update('nodes', { ...node, status: next });
        }
      });
    } catch (err) {
      this.#log.warn('node status not written', { err, nodes: nodeIds.length });
    }
  }

  /** Ends `s` with `error` (its streams see it); the node's deadline keeps running. */
  #end(s: Session, error: Error | undefined): void {
    if (this.#sessions.get(s.nodeId) === s) this.#sessions.delete(s.nodeId);
    if (error === undefined) s.channel.close();
    else s.channel.fail(error);
    s.abort.abort(error);
  }

  #session(nodeId: string, sessionId: string): Session {
    const s = this.#sessions.get(nodeId);
    if (s?.id !== sessionId)
      throw sessionInvalid(`Session "${sessionId}" of node "${nodeId}" is not open`);
    return s;
  }

  /** The protocol calls of `caller` (identity established by the transport). */
  forNode(caller: Caller): DispatcherCalls {
    return {
      session: (req, o) => this.#openSession(caller, req, o),
      heartbeat: async (sessionId) => {
        await Promise.resolve();
        this.#session(caller.nodeId, sessionId);
        const periodMs = this.#jitteredPeriodMs();
        this.#deadlines.set(
          caller.nodeId,
          this.#o.nowMs() + dispatcherHeartbeatMissedMax * periodMs,
        );
        return { periodMs };
      },
      assignments: (sessionId, o) => this.#assignments(caller.nodeId, sessionId, o),
      updateTaskStatus: async (sessionId, updates) => {
        this.#session(caller.nodeId, sessionId);
        checkUpdates(updates);
        return { applied: await this.#status.submit(caller.nodeId, updates) };
      },
    };
  }

  async *#openSession(
    caller: Caller,
    req: SessionRequest,
    options: CallOptions = {},
  ): AsyncGenerator<SessionMessage, void, undefined> {
    if (this.#closed) throw new TsorchError('UNAVAILABLE', 'The dispatcher is shutting down');
    const l = this.#syncLeadership();
    if (!l.leader) throw notLeader(l);
    checkDescription(req);
    const { nodeId } = caller;
    const node = this.#store.view((tx) => tx.get('nodes', nodeId));
    if (node === undefined)
      throw new NotFoundError(`Cannot open a session: node "${nodeId}" is not in the cluster`, {
        hint: 'Join the node to the cluster again (tsorch swarm join)',
      });
    await this.#store.update((tx) => {
      const n = tx.get('nodes', nodeId);
      if (n === undefined) return;
      tx.update('nodes', {
        ...n,
        // Certificate details are the CA's to write, never the node's own claim.
        description: withTlsOf(req.description, n.description),
        status: { state: 'ready', message: '', addr: caller.addr },
        ...(req.advertiseAddr === '' ? {} : { advertiseAddr: req.advertiseAddr }),
      });
    });
    const old = this.#sessions.get(nodeId);
    if (old !== undefined) this.#end(old, sessionInvalid('Session replaced by a newer one'));
    const session: Session = {
      id: sessionIdOf(this.#o.rng),
      nodeId,
      channel: new Channel(dispatcherSessionQueueMessages),
      abort: new AbortController(),
      managers: this.#managers(),
    };
    this.#sessions.set(nodeId, session);
    this.#deadlines.set(
      nodeId,
      this.#o.nowMs() + dispatcherHeartbeatMissedMax * this.heartbeatPeriodMs(),
    );
    this.#log.info('node session opened', { node: nodeId, session: session.id });
    session.channel.push({ sessionId: session.id, nodeId, managers: session.managers });
    let endedByNode = true;
    try {
      for await (const m of session.channel.read(options.signal)) yield m;
      endedByNode = this.#sessions.get(nodeId) === session;
    } catch (err) {
      endedByNode = false;
      throw err;
    } finally {
      if (endedByNode && this.#sessions.get(nodeId) === session) {
        // The node went away (its stream broke): it has until its deadline to come back.
        this.#end(session, undefined);
        await this.#setNodeStatus([nodeId], () => ({
          state: 'disconnected',
          message: 'node disconnected: waiting for it to open a new session',
        }));
      }
    }
  }

  async *#assignments(
    nodeId: string,
    sessionId: string,
    options: CallOptions = {},
  ): AsyncGenerator<AssignmentsMessage, void, undefined> {
    const session = this.#session(nodeId, sessionId);
    const signal =
      options.signal === undefined
        ? session.abort.signal
        : AbortSignal.any([options.signal, session.abort.signal]);
    const set = new NodeAssignments(nodeId);
    const { result, watch } = this.#store.viewAndWatch(
      (tx) => ({ changes: set.complete(tx), version: tx.version }),
      {
        tables: ['tasks', 'secrets', 'configs', 'networks', 'nodes', 'services'],
        // Other nodes' tasks, nodes and services change the endpoint lists of networks held.
        filter: (e) =>
          e.table === 'secrets' ||
          e.table === 'configs' ||
          e.table === 'networks' ||
          (e.table === 'tasks' &&
            ((e.object as { nodeId: string }).nodeId === nodeId ||
              (e.old as { nodeId?: string } | undefined)?.nodeId === nodeId)) ||
          (set.holdsNetworks && (e.table !== 'tasks' || onNetwork(e.object) || onNetwork(e.old))),
        signal,
      },
    );
    try {
      yield { type: 'complete', changes: result.changes, version: result.version };
      let batch: AssignmentsMessage['changes'] = [];
      let version = result.version;
      for await (const event of watch) {
        const changes = this.#store.view((tx) => set.onEvent(event, tx));
        batch.push(...changes);
        version = event.version;
        // One message per point where the watch has caught up, split when large.
        if (watch.pending > 0 && batch.length < dispatcherChangesPerMessageMax) continue;
        if (batch.length === 0) continue;
        yield { type: 'incremental', changes: batch, version };
        batch = [];
      }
      if (session.abort.signal.aborted && this.#sessions.get(nodeId) !== session)
        throw sessionInvalid(`Session "${sessionId}" of node "${nodeId}" ended`);
    } finally {
      watch.close();
    }
  }

  /** Ends every session; the nodes' statuses stay as they are (a new leader takes over). */
  close(): void {
    this.#closed = true;
    for (const s of [...this.#sessions.values()])
      this.#end(s, new TsorchError('UNAVAILABLE', 'The dispatcher is shutting down'));
    this.#deadlines.clear();
  }
}

/** True when a stored task has an address on some network. */
function onNetwork(o: unknown): boolean {
  return ((o as { networks?: unknown[] } | undefined)?.networks?.length ?? 0) > 0;
}

function withTlsOf(
  d: SessionRequest['description'],
  stored: SessionRequest['description'],
): SessionRequest['description'] {
  const { tls: _claimed, ...rest } = d;
  return stored.tls === undefined ? rest : { ...rest, tls: stored.tls };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sessionIdOf(rng: Prng): string {
  let id = '';
  for (let i = 0; i < 4; i++) id += rng.int(0x1_0000_0000).toString(16).padStart(8, '0');
  return id;
}

function notLeader(l: DispatcherLeadership): TsorchError {
  return new TsorchError(
    'RAFT_NOT_LEADER',
    'Cannot open a session: this manager is not the leader',
    {
      details: l.leaderAddress === undefined ? {} : { leaderAddress: l.leaderAddress },
      hint: 'Connect to the leader',
    },
  );
}

function sessionInvalid(message: string): TsorchError {
  return new TsorchError('DISPATCHER_SESSION_INVALID', message, {
    hint: 'Open a new session',
  });
}

function checkDescription(req: SessionRequest): void {
  const d = req.description as unknown as Partial<SessionRequest['description']> | null;
  const bad = (field: string, what: string): never => {
    throw new TsorchError('INVALID_ARGUMENT', `Invalid session request: ${field} ${what}`, {
      details: { field },
    });
  };
  if (typeof d !== 'object' || d === null) bad('description', 'must be an object');
  if (typeof d?.hostname !== 'string' || d.hostname === '')
    bad('description.hostname', 'must be a non-empty string');
  if (typeof d?.platform?.os !== 'string') bad('description.platform.os', 'must be a string');
  if (typeof d?.resources?.nanoCpus !== 'number')
    bad('description.resources.nanoCpus', 'must be a number');
  if (typeof d?.resources?.memoryBytes !== 'number')
    bad('description.resources.memoryBytes', 'must be a number');
  if (typeof d?.engine?.runtime !== 'string') bad('description.engine.runtime', 'must be a string');
  if (typeof req.advertiseAddr !== 'string') bad('advertiseAddr', 'must be a string');
}

/**
 * Checks a batch of status updates: their number, and that each names a task and a state an
 * agent reports (ACCEPTED to RUNNING, or COMPLETE, FAILED, SHUTDOWN, REJECTED).
 *
 * @throws {TsorchError} INVALID_ARGUMENT naming the update and field.
 */
export function checkUpdates(updates: readonly TaskStatusUpdate[]): void {
  if (updates.length > dispatcherStatusUpdatesPerCallMax)
    throw new TsorchError(
      'INVALID_ARGUMENT',
      `Invalid task status report: ${updates.length} updates, at most ${dispatcherStatusUpdatesPerCallMax} per call`,
      { details: { field: 'updates' } },
    );
  updates.forEach((u, i) => {
    const bad = (field: string, what: string): never => {
      throw new TsorchError(
        'INVALID_ARGUMENT',
        `Invalid task status report: updates[${i}].${field} ${what}`,
        { details: { field: `updates[${i}].${field}` } },
      );
    };
    if (typeof u.taskId !== 'string' || u.taskId === '') bad('taskId', 'must not be empty');
    const s = u.status.state;
    if (!isTaskState(s)) bad('status.state', `${JSON.stringify(s)} is not a task state`);
    if (!agentStates.has(s) && !agentEndStates.has(s))
      bad('status.state', `"${s}" is not a state an agent reports`);
    if (typeof u.status.timestamp !== 'string' || Number.isNaN(Date.parse(u.status.timestamp)))
      bad('status.timestamp', 'must be an RFC 3339 time');
  });
}

/**
 * The worker (agent side of docs/adr/020-dispatcher-protocol.md): keeps one session with a
 * manager, heartbeats at the period the manager gives, applies assignments through
 * {@link WorkerTasks} and sends task statuses in batches. When the session breaks it tries the
 * next manager it knows, with exponential backoff and jitter; the tasks keep running meanwhile,
 * and the next complete set is reconciled against what runs (nothing restarts).
 *
 * @module
 */
import type { NetworkEndpoints, SessionMessage } from '../../store/index.js';
import { hasCode } from '../../util/errors.js';
import {
  dispatcherStatusUpdatesPerCallMax,
  workerManagersMax,
  workerReconnectBackoffMaxMs,
  workerReconnectBackoffMinMs,
} from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import { createPrng, type Prng } from '../../util/prng.js';
import {
  realTimers,
  type WorkerConnection,
  type WorkerOptions,
  type WorkerTimers,
} from './ports.js';
import { WorkerTasks, type EndpointsListener } from './tasks.js';

/** A running worker. */
export interface Worker {
  /** The node's tasks (tests and diagnostics). */
  readonly tasks: WorkerTasks;
  /** The open session's id, or undefined between sessions. */
  readonly sessionId: string | undefined;
  /** The manager the worker is connected to, or undefined. */
  readonly manager: string | undefined;
  /** The endpoint list of every cluster network the node's tasks use, by network id. */
  endpoints(): ReadonlyMap<string, NetworkEndpoints>;
  /** Calls `listener` on every change of an endpoint list; returns the unsubscribe. */
  onEndpoints(listener: EndpointsListener): () => void;
  /** The network namespace path of a task's container, when it joined networks. */
  netnsPath(taskId: string): string | undefined;
  /** Ends the session; the containers keep running. */
  stop(): Promise<void>;
}

class SessionEnded extends Error {}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

class WorkerLoop implements Worker {
  readonly tasks: WorkerTasks;
  sessionId: string | undefined;
  manager: string | undefined;
  readonly #o: WorkerOptions;
  readonly #timers: WorkerTimers;
  readonly #log: Logger;
  readonly #rng: Prng;
  readonly #stop = new AbortController();
  readonly #managers: string[];
  #next = 0;
  /** Wakes the status sender. */
  #kick: (() => void) | undefined;
  #done: Promise<void> = Promise.resolve();

  constructor(options: WorkerOptions) {
    this.#o = options;
    this.#timers = options.timers ?? realTimers;
    this.#log = options.log;
    this.#rng = options.rng ?? createPrng(Math.floor(Math.random() * 0x1_0000_0000));
    this.#managers = [...options.managers];
    this.tasks = new WorkerTasks({
      engine: options.engine,
      pullImage: options.pullImage,
      timers: this.#timers,
      log: options.log,
      onReport: () => this.#kick?.(),
      networks: options.networks,
      files: options.files,
    });
  }

  endpoints(): ReadonlyMap<string, NetworkEndpoints> {
    return this.tasks.endpoints();
  }

  onEndpoints(listener: EndpointsListener): () => void {
    return this.tasks.onEndpoints(listener);
  }

  netnsPath(taskId: string): string | undefined {
    return this.tasks.netnsPath(taskId);
  }

  #stopped(): boolean {
    return this.#stop.signal.aborted;
  }

  start(): void {
    this.#done = this.#run();
  }

  async #run(): Promise<void> {
    const sweep = this.#sweep();
    let failures = 0;
    const min = this.#o.backoffMinMs ?? workerReconnectBackoffMinMs;
    const max = this.#o.backoffMaxMs ?? workerReconnectBackoffMaxMs;
    while (!this.#stop.signal.aborted) {
      const target = this.#managers[this.#next % this.#managers.length] ?? '';
      this.#next++;
      const conn = this.#o.connect(target);
      const opened = await this.#session(conn, target).catch((err: unknown) => {
        if (!this.#stop.signal.aborted)
          this.#log.info('dispatcher session ended', { manager: target, err });
        this.#followLeader(err);
        return false;
      });
      conn.close();
      this.sessionId = undefined;
      this.manager = undefined;
      failures = opened ? 0 : failures + 1;
      if (this.#stopped()) break;
      const ceiling = Math.min(max, min * 2 ** Math.min(failures, 20));
      await this.#timers.sleep(ceiling / 2 + this.#rng.next() * (ceiling / 2), this.#stop.signal);
    }
    await sweep;
  }

  async #sweep(): Promise<void> {
    const every = this.#o.sweepIntervalMs ?? 1000;
    while (!this.#stop.signal.aborted) {
      await this.#timers.sleep(every, this.#stop.signal);
      this.tasks.sweep();
    }
  }

  /** One session; resolves true when it was opened (and then ended). */
  async #session(conn: WorkerConnection, target: string): Promise<boolean> {
    const ac = new AbortController();
    const signal = AbortSignal.any([ac.signal, this.#stop.signal]);
    const stream = conn
      .session(
        { description: this.#o.description(), advertiseAddr: this.#o.advertiseAddr ?? '' },
        { signal },
      )
      [Symbol.asyncIterator]();
    const first = await stream.next();
    if (first.done === true) throw new SessionEnded('The session ended at once');
    const sessionId = first.value.sessionId;
    this.sessionId = sessionId;
    this.manager = target;
    this.tasks.nodeId = first.value.nodeId;
    this.#learn(first.value);
    this.#log.info('dispatcher session opened', { manager: target, session: sessionId });
    const fail = (err: unknown): never => {
      ac.abort();
      throw err;
    };
    try {
      await Promise.all([
        this.#follow(stream).catch(fail),
        this.#heartbeats(conn, sessionId, signal).catch(fail),
        this.#assignments(conn, sessionId, signal).catch(fail),
        this.#sendStatus(conn, sessionId, signal).catch(fail),
      ]);
    } catch (err) {
      if (!this.#stop.signal.aborted) this.#log.info('dispatcher session broke', { err });
    } finally {
      ac.abort();
    }
    return true;
  }

  /** A follower names the leader: try it next. */
  #followLeader(err: unknown): void {
    if (!hasCode(err, 'RAFT_NOT_LEADER')) return;
    const leader = err.details?.['leaderAddress'];
    if (typeof leader !== 'string' || leader === '') return;
    if (!this.#managers.includes(leader)) this.#managers.push(leader);
    this.#next = this.#managers.indexOf(leader);
  }

  /**
   * Takes the session's manager list (leader first) as the addresses to try, followed by those
   * known before and not in it (a manager down now may come back), at most
   * {@link workerManagersMax}.
   */
  #learn(m: SessionMessage): void {
    if (m.managers.length === 0) return;
    const next = [...new Set([...m.managers, ...this.#managers])].slice(0, workerManagersMax);
    if (sameList(next, this.#managers)) return;
    this.#managers.splice(0, this.#managers.length, ...next);
    // The one connected to stays the last tried: a break tries the one after it.
    const current = this.manager === undefined ? -1 : next.indexOf(this.manager);
    if (current >= 0) this.#next = current + 1;
    this.#o.onManagers?.(next);
  }

  async #follow(stream: AsyncIterator<SessionMessage>): Promise<void> {
    for (;;) {
      const r = await stream.next();
      if (r.done === true) throw new SessionEnded('The manager ended the session');
      this.#learn(r.value);
    }
  }

  async #heartbeats(conn: WorkerConnection, sessionId: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const { periodMs } = await conn.heartbeat(sessionId, { signal });
      await this.#timers.sleep(periodMs, signal);
    }
  }

  async #assignments(
    conn: WorkerConnection,
    sessionId: string,
    signal: AbortSignal,
  ): Promise<void> {
    for await (const msg of conn.assignments(sessionId, { signal })) this.tasks.apply(msg);
    if (!signal.aborted) throw new SessionEnded('The assignments stream ended');
  }

  async #sendStatus(conn: WorkerConnection, sessionId: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const batch = this.tasks.pending(dispatcherStatusUpdatesPerCallMax);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            signal.removeEventListener('abort', wake);
            resolve();
          };
          this.#kick = wake;
          signal.addEventListener('abort', wake, { once: true });
        });
        this.#kick = undefined;
        continue;
      }
      try {
        await conn.updateTaskStatus(sessionId, batch, { signal });
        this.tasks.sent(batch);
      } catch (err) {
        // A refused report would be refused again: drop it rather than loop on it.
        if (hasCode(err, 'INVALID_ARGUMENT')) {
          this.#log.error('task status refused by the manager', { err });
          this.tasks.sent(batch);
          continue;
        }
        throw err;
      }
    }
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#kick?.();
    await this.#done;
    await this.tasks.close();
  }
}

/**
 * Starts a worker: it connects to one of `options.managers`, and runs the node's tasks.
 *
 * @example
 * const worker = startWorker({ managers: ['unix:/run/tsorch/tsorch.sock'], connect, engine, ... });
 * await worker.stop();
 */
export function startWorker(options: WorkerOptions): Worker {
  const loop = new WorkerLoop(options);
  loop.start();
  return loop;
}

/**
 * In-memory connections from simulated agents to dispatcher cores. A partitioned node's calls
 * fail as UNAVAILABLE on its side, while the manager hears nothing (its streams are neither
 * read nor closed), as when packets are lost; a connection the agent closes while it can reach
 * the manager ends the manager's streams, as a TCP close would.
 *
 * @module
 */
import type { WorkerConnection } from '../../../src/agent/worker/index.js';
import type { Dispatcher } from '../../../src/manager/dispatcher/index.js';
import type { CallOptions } from '../../../src/store/index.js';
import { TsorchError } from '../../../src/util/errors.js';

const DONE = Symbol('done');

/** Managers by address, and the nodes cut off from them. */
export class SimNetwork {
  readonly dispatchers = new Map<string, Dispatcher>();
  readonly partitioned = new Set<string>();

  #check(nodeId: string, closed: AbortSignal): void {
    if (this.partitioned.has(nodeId) || closed.aborted)
      throw new TsorchError('UNAVAILABLE', `Node "${nodeId}" cannot reach the manager`);
  }

  /** The `connect` function of node `nodeId`'s worker. */
  connector(nodeId: string): (target: string) => WorkerConnection {
    return (target) => {
      const d = this.dispatchers.get(target);
      if (d === undefined) throw new Error(`No manager at "${target}"`);
      const calls = d.forNode({ nodeId, addr: nodeId });
      const closed = new AbortController();
      const ends: (() => void)[] = [];
      const relay = <T>(open: (server: CallOptions) => AsyncIterable<T>, o: CallOptions = {}) => {
        const partitioned = this.partitioned;
        this.#check(nodeId, closed.signal);
        return (async function* (): AsyncGenerator<T, void, undefined> {
          const server = new AbortController();
          const src = open({ signal: server.signal })[Symbol.asyncIterator]();
          const end = (): void => {
            // The manager notices a close only when the node can still reach it.
            if (partitioned.has(nodeId)) return;
            server.abort();
            void src.return?.();
          };
          ends.push(end);
          const stop = AbortSignal.any([
            closed.signal,
            ...(o.signal === undefined ? [] : [o.signal]),
          ]);
          const stopped = new Promise<typeof DONE>((resolve) => {
            if (stop.aborted) resolve(DONE);
            stop.addEventListener(
              'abort',
              () => {
                resolve(DONE);
              },
              { once: true },
            );
          });
          try {
            for (;;) {
              const r = await Promise.race([src.next(), stopped]);
              if (r === DONE || r.done === true) return;
              if (partitioned.has(nodeId)) continue;
              yield r.value;
            }
          } finally {
            end();
          }
        })();
      };
      const unary = async <T>(run: () => Promise<T>): Promise<T> => {
        this.#check(nodeId, closed.signal);
        const res = await run();
        this.#check(nodeId, closed.signal);
        return res;
      };
      return {
        session: (req, o) => relay((s) => calls.session(req, s), o),
        assignments: (id, o) => relay((s) => calls.assignments(id, s), o),
        heartbeat: (id) => unary(() => calls.heartbeat(id)),
        updateTaskStatus: (id, updates) => unary(() => calls.updateTaskStatus(id, updates)),
        close: () => {
          closed.abort();
          for (const end of ends) end();
        },
      };
    };
  }
}

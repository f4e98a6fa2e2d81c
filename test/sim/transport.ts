/**
 * The simulated transport between drivers: routes what a driver sends into the
 * {@link SimNetwork}, delivers due messages with `receive`, and reports back like the gRPC
 * transport does (`reportSnapshot` once a snapshot was received or lost, `reportUnreachable`
 * now and then for a lost message).
 *
 * @module
 */
import type { Message, NodeId } from '../../src/raft/index.js';
import type { SimDriver } from './kv.js';
import { canMergeAppends } from '../../src/raft/transport/codec.js';
import type { Prng } from '../../src/util/prng.js';
import type { SimNetwork } from './network.js';

/** What the router needs from the cluster. */
export interface RouterHost {
  readonly now: number;
  readonly rng: Prng;
  readonly net: SimNetwork;
  up(id: NodeId): boolean;
  driverOf(id: NodeId): SimDriver | undefined;
  /** Called before a message is stepped into `id`. */
  noteStep(id: NodeId): void;
}

/** Routes messages between simulated drivers. */
export class SimTransportRouter {
  mergedAppends = 0;
  snapshotsSent = 0;
  #reports: { at: number; run: () => void }[] = [];

  constructor(
    private readonly host: RouterHost,
    private readonly merge: boolean,
  ) {}

  /** Sends `messages` of `from` into the network. */
  send(from: NodeId, messages: readonly Message[]): void {
    const out = this.merge ? mergeAppends(messages) : messages;
    this.mergedAppends += messages.length - out.length;
    const { net, rng, now } = this.host;
    for (const m of out) {
      const ok = net.send(now, m) && this.host.up(m.to);
      if (m.type === 'snap') this.snapshotsSent++;
      if (!ok && (m.type === 'snap' || rng.chance(0.3))) this.dropped(from, m.to, m);
    }
  }

  /** Reports to `from`, at the next tick, that a message to `to` was lost. */
  dropped(from: NodeId, to: NodeId, m: Message | undefined): void {
    const snap = m?.type === 'snap';
    this.#reports.push({
      at: this.host.now + 1,
      run: () => {
        const d = this.host.driverOf(from);
        if (snap) d?.reportSnapshot(to, false);
        else d?.reportUnreachable(to);
      },
    });
  }

  /** A snapshot stream to a node that crashed breaks: its sender hears of it. */
  lostTo(id: NodeId): void {
    this.host.net.dropTo(id, (m) => {
      if (m.type === 'snap') this.dropped(m.from, m.to, m);
    });
  }

  /** Runs due reports, then steps every message due now into its (live) target. */
  deliverDue(): void {
    const now = this.host.now;
    const due = this.#reports.filter((r) => r.at <= now);
    this.#reports = this.#reports.filter((r) => r.at > now);
    for (const r of due) r.run();
    const lost = (m: Message): void => {
      if (m.type === 'snap') this.dropped(m.from, m.to, m);
    };
    for (const m of this.host.net.due(now, lost)) {
      const target = this.host.driverOf(m.to);
      if (target === undefined) {
        if (m.type === 'snap') this.dropped(m.from, m.to, m);
        continue;
      }
      this.host.noteStep(m.to);
      target.receive([m]);
      if (m.type === 'snap') this.host.driverOf(m.from)?.reportSnapshot(m.to, true);
    }
  }
}

/**
 * Merges consecutive appends to the same peer the way the transport does (its own
 * `canMergeAppends` decides), keeping per-peer order.
 */
function mergeAppends(msgs: readonly Message[]): readonly Message[] {
  const out: Message[] = [];
  const lastTo = new Map<NodeId, number>();
  for (const m of msgs) {
    const at = lastTo.get(m.to);
    const prev = at === undefined ? undefined : out[at];
    if (at !== undefined && prev !== undefined && canMergeAppends(prev, m)) {
      out[at] = {
        ...prev,
        entries: [...prev.entries, ...m.entries],
        commit: Math.max(prev.commit, m.commit),
      };
      continue;
    }
    lastTo.set(m.to, out.length);
    out.push(m);
  }
  return out;
}

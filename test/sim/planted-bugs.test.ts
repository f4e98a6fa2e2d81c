/**
 * Does the simulation catch bugs? Each case plants a known bug in a copy of the core (a
 * subclass of RaftNode overriding one rule), runs the real driver on it through a scenario's
 * seeds, and expects a checker to fail within a bounded number of them. A checker that went
 * blind, or a nemesis that stopped reaching the buggy path, fails this test.
 */
import { describe, expect, it } from 'vitest';
import { committedIndex } from '../../src/raft/core/progress.js';
import { newMessage, RaftNode, type Message, type RaftOptions } from '../../src/raft/index.js';
import { runSeed, SimFailure } from './run.js';
import { scenarios } from './scenarios/index.js';

/** §5.4.2 broken: commits whatever a quorum holds, even an entry of an earlier term. */
class CommitsOldTerms extends RaftNode {
  protected override maybeCommit(): boolean {
    const mci = committedIndex(this.conf.voters.map((v) => this.prs.get(v)?.match ?? 0));
    if (mci <= this.raftLog.committed) return false;
    this.raftLog.commitTo(mci);
    this.releasePendingReadIndex();
    return true;
  }
}

/** §5.3 broken: heartbeats carry the leader's commit index uncapped by the follower's match. */
class UncappedHeartbeatCommit extends RaftNode {
  protected override bcastHeartbeat(ctx: Uint8Array | undefined): void {
    for (const id of this.prs.keys()) {
      if (id === this.id) continue;
      const fields = { commit: this.raftLog.committed, ...(ctx ? { context: ctx } : {}) };
      this.send(newMessage('heartbeat', this.id, id, fields));
    }
  }
}

/** §5.4.1 broken: votes granted without checking that the candidate's log is up to date. */
class VotesForAnyLog extends RaftNode {
  constructor(options: RaftOptions) {
    super(options);
    this.raftLog.isUpToDate = () => true;
  }
}

/** §6.4 broken: a leader answers ReadIndex at once, without confirming it still leads. */
class ReadsWithoutHeartbeatRound extends RaftNode {
  protected override leaderReadIndex(m: Message): boolean {
    this.answerRead(m.from, this.raftLog.committed, m.context ?? new Uint8Array());
    return true;
  }
}

/** Ready contract broken: votes and acknowledgements leave before they are durable. */
class SendsBeforePersisting extends RaftNode {
  protected override mayPrecedePersist(): boolean {
    return true;
  }
}

interface Planted {
  bug: string;
  scenario: string;
  createNode: (o: RaftOptions) => RaftNode;
  /** Seeds tried (from 1) before the test gives up on the checkers. */
  maxSeeds: number;
}

const planted: Planted[] = [
  {
    bug: '§5.4.2 commit an entry of an earlier term by counting replicas',
    scenario: 'figure8-3',
    createNode: (o) => new CommitsOldTerms(o),
    maxSeeds: 40,
  },
  {
    bug: '§5.3 heartbeat commit index not capped by the follower match',
    scenario: 'partitions-5',
    createNode: (o) => new UncappedHeartbeatCommit(o),
    maxSeeds: 40,
  },
  {
    bug: '§5.4.1 votes without the up-to-date check',
    scenario: 'crashes-3',
    createNode: (o) => new VotesForAnyLog(o),
    maxSeeds: 40,
  },
  {
    bug: '§6.4 ReadIndex answered without a heartbeat round',
    scenario: 'merged-appends-3',
    createNode: (o) => new ReadsWithoutHeartbeatRound(o),
    maxSeeds: 40,
  },
  {
    bug: '§5.2 and §5.3 votes and acknowledgements sent before they are durable',
    scenario: 'torn-ready-3',
    createNode: (o) => new SendsBeforePersisting(o),
    maxSeeds: 80,
  },
];

describe('planted bugs are caught', () => {
  it.each(planted)('$bug ($scenario)', async ({ scenario: name, createNode, maxSeeds }) => {
    const scenario = scenarios.find((s) => s.name === name);
    expect(scenario).toBeDefined();
    if (scenario === undefined) return;
    let caught: SimFailure | undefined;
    let seed = 0;
    while (caught === undefined && seed < maxSeeds) {
      seed++;
      await runSeed(scenario, seed, { createNode }).catch((err: unknown) => {
        if (!(err instanceof SimFailure)) throw err;
        caught = err;
      });
    }
    expect(caught, `no checker caught it in ${maxSeeds} seeds`).toBeInstanceOf(SimFailure);
    expect(caught?.message).toMatch(/safety|matching|completeness|commit rule|linearizable/);
    console.log(`caught: ${caught?.message.split('\n')[0] ?? ''}`);
    // Control: the same seed with the unmodified core passes, so the bug made the difference.
    await runSeed(scenario, seed, { createNode: (o) => new RaftNode(o) });
  });
});

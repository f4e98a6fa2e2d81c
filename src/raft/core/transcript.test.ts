/**
 * Golden interaction transcripts (etcd's datadriven tests): each scenario prints every message
 * delivered and each node's state after every step; the text must match
 * src/raft/testdata/NAME.txt. Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TestNet } from './net.testutil.js';
import type { Entry, Message } from './types.js';

const testdata = (name: string): string =>
  fileURLToPath(new URL(`../testdata/${name}.txt`, import.meta.url));
const data = (s: string): Uint8Array => new TextEncoder().encode(s);

function fmtEntry(e: Entry): string {
  const body =
    e.type === 'conf-change'
      ? 'cc'
      : e.data.length === 0
        ? 'noop'
        : JSON.stringify(new TextDecoder().decode(e.data));
  return `${e.index}/${e.term}:${body}`;
}

function fmtMessage(m: Message): string {
  const parts = [`${m.from}->${m.to}`, m.type, `term=${m.term}`];
  if (m.type === 'app' || m.type === 'vote' || m.type === 'pre-vote')
    parts.push(`log=${m.index}/${m.logTerm}`);
  else if (m.index !== 0) parts.push(`index=${m.index}`);
  if (m.entries.length > 0) parts.push(`entries=[${m.entries.map(fmtEntry).join(' ')}]`);
  if (m.commit !== 0) parts.push(`commit=${m.commit}`);
  if (m.reject) parts.push(`reject hint=${m.rejectHint}/${m.logTerm}`);
  if (m.snapshot)
    parts.push(
      `snapshot=${m.snapshot.meta.index}/${m.snapshot.meta.term} voters=${m.snapshot.meta.conf.voters.join(',')}`,
    );
  if (m.context && m.context.length > 0) parts.push(`ctx=${Array.from(m.context).join(',')}`);
  return parts.join(' ');
}

/** Records a scenario as text. */
class Transcript {
  readonly lines: string[] = [];
  #seen = 0;
  constructor(readonly net: TestNet) {}

  /** Runs `fn`, then prints the messages it caused and every node's state. */
  step(title: string, fn: () => void): void {
    fn();
    this.net.settle();
    this.lines.push(`> ${title}`);
    for (const m of this.net.log.slice(this.#seen)) this.lines.push(`  ${fmtMessage(m)}`);
    this.#seen = this.net.log.length;
    for (const [id, member] of this.net.members) {
      const s = member.node.status();
      const extra = member.readStates.map((r) => ` read@${r.index}`).join('');
      this.lines.push(
        `  = ${id} ${s.role} term=${s.term} vote=${s.vote} lead=${s.leader} commit=${s.commit} applied=${s.applied} last=${s.lastIndex} voters=${s.conf.voters.join(',')}${s.conf.learners.length > 0 ? ` learners=${s.conf.learners.join(',')}` : ''}${extra}`,
      );
    }
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const scenarios: Record<string, (t: Transcript) => void> = {
  'election-and-commit': (t) => {
    t.step('node 1 times out and runs a pre-vote, then an election', () => t.net.elect(1));
    t.step('propose "x" on the leader', () => t.net.get(1).propose(data('x')));
    t.step('heartbeat carries the commit index', () => t.net.tick(1));
  },
  'prevote-rejoin': (t) => {
    t.step('elect node 1', () => t.net.elect(1));
    t.step('isolate node 3 and let it time out twice', () => {
      t.net.isolate(3);
      for (let i = 0; i < 40; i++) t.net.tick(3);
    });
    t.step('heal; the leader keeps its term', () => {
      t.net.recover();
      t.net.tick(1);
      t.net.tick(1);
    });
  },
  'leader-transfer': (t) => {
    t.step('elect node 1', () => t.net.elect(1));
    t.step('transfer leadership to node 2', () => t.net.get(1).transferLeadership(2));
  },
  'read-index': (t) => {
    t.step('elect node 1', () => t.net.elect(1));
    t.step('follower 3 asks for a read index', () => t.net.get(3).readIndex(new Uint8Array([42])));
  },
  'snapshot-catch-up': (t) => {
    t.step('elect node 1; cut node 3 off; commit 4 entries', () => {
      t.net.elect(1);
      t.net.isolate(3);
      for (let i = 0; i < 4; i++) t.net.get(1).propose(data(`e${i}`));
    });
    t.step('compact the leader log at its applied index', () => {
      const s = t.net.get(1).status();
      t.net.get(1).compact(s.applied, data('state'));
    });
    t.step('heal; node 3 gets the snapshot', () => {
      t.net.recover();
      t.net.tick(1);
      t.net.get(1).reportSnapshot(3, true);
    });
    t.step('the next heartbeat resumes replication', () => t.net.tick(1));
  },
  'add-learner-then-promote': (t) => {
    t.step('elect node 1 and start empty node 4', () => {
      t.net.elect(1);
      t.net.add(4);
    });
    t.step('add node 4 as a learner', () =>
      t.net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 }),
    );
    t.step('heartbeat: the learner catches up', () => t.net.tick(1));
    t.step('promote node 4 to voter', () =>
      t.net.get(1).proposeConfChange({ type: 'add-voter', nodeId: 4 }),
    );
  },
};

describe('golden transcripts', () => {
  it.each(Object.keys(scenarios))('%s', (name) => {
    const t = new Transcript(new TestNet([1, 2, 3], { compactionKeepEntries: 0 }));
    scenarios[name]?.(t);
    const path = testdata(name);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, t.text());
    expect(t.text()).toBe(readFileSync(path, 'utf8'));
  });
});

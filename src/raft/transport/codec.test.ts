import { describe, expect, it } from 'vitest';
import type { Message } from '../core/types.js';
import { canMergeAppends, messageFromWire, messageToWire, splitAppend } from './codec.js';

function msg(over: Partial<Message>): Message {
  return {
    type: 'app',
    from: 1,
    to: 2,
    term: 2,
    logTerm: 1,
    index: 10,
    entries: [],
    commit: 0,
    reject: false,
    rejectHint: 0,
    ...over,
  };
}
const entry = (index: number, term = 2, size = 1000): Message['entries'][number] => ({
  term,
  index,
  type: 'normal',
  data: new Uint8Array(size),
});

describe('raft transport codec', () => {
  it('round-trips every field through the wire shape, 64-bit values as strings', () => {
    const m = msg({
      type: 'snap',
      term: 2 ** 40,
      context: new Uint8Array([1, 2]),
      entries: [{ term: 3, index: 2 ** 35, type: 'conf-change', data: new Uint8Array([9]) }],
      snapshot: {
        meta: { index: 7, term: 3, conf: { voters: [1, 2], learners: [3] } },
        data: new Uint8Array(),
      },
    });
    const wire = messageToWire(m);
    // proto-loader hands 64-bit integers back as decimal strings (longs: String).
    const stringly = JSON.parse(
      JSON.stringify(wire, (k, v: unknown) =>
        typeof v === 'number' && k !== 'data' ? String(v) : v,
      ),
    ) as typeof wire;
    const back = messageFromWire(
      {
        ...stringly,
        context: wire.context,
        entries: stringly.entries.map((e, i) => ({
          ...e,
          data: wire.entries[i]!.data,
          confChange: true,
        })),
      },
      new Uint8Array(),
    );
    expect(back).toEqual(m);
  });

  it('rejects an unknown message type from a newer peer', () => {
    expect(() =>
      messageFromWire({ ...messageToWire(msg({})), type: 'RAFT_MESSAGE_TYPE_FUTURE' }),
    ).toThrow(/Unknown Raft message type/);
  });

  it('splits an append larger than the limit into parts anchored on the previous part (Raft §5.3)', () => {
    const entries = Array.from({ length: 10 }, (_, i) => entry(11 + i));
    const parts = splitAppend(msg({ entries }), 2500);
    expect(parts.map((p) => [p.index, p.logTerm])).toEqual([
      [10, 1],
      [12, 2],
      [14, 2],
      [16, 2],
      [18, 2],
    ]);
    expect(parts.flatMap((p) => p.entries.map((e) => e.index))).toEqual(
      entries.map((e) => e.index),
    );
    expect(splitAppend(msg({ entries: [entry(11, 2, 10_000)] }), 2500)).toHaveLength(1);
  });

  it.each([
    ['continues exactly', msg({ entries: [entry(11)] }), msg({ index: 11, logTerm: 2 }), true],
    ['anchored elsewhere', msg({ entries: [entry(11)] }), msg({ index: 9, logTerm: 2 }), false],
    [
      'different term',
      msg({ entries: [entry(11)] }),
      msg({ term: 3, index: 11, logTerm: 2 }),
      false,
    ],
    ['empty first append', msg({}), msg({ index: 10, logTerm: 1 }), false],
    ['not an append', msg({ type: 'heartbeat' }), msg({}), false],
  ])('canMergeAppends: %s', (_name, a, b, want) => {
    expect(canMergeAppends(a, b)).toBe(want);
  });
});

import { describe, expect, it } from 'vitest';
import {
  decodeAddressBook,
  unwrapProposal,
  unwrapSnapshot,
  wrapProposal,
  wrapSnapshot,
} from './driver-envelope.js';

describe('driver envelope', () => {
  it('round-trips a proposal tag and payload', () => {
    const data = wrapProposal({ proposer: 3, seq: 2 ** 40 + 7 }, new Uint8Array([1, 2, 3]));
    const got = unwrapProposal(data);
    expect(got?.tag).toEqual({ proposer: 3, seq: 2 ** 40 + 7 });
    expect([...(got?.payload ?? [])]).toEqual([1, 2, 3]);
  });

  it.each([
    ['empty data (a leader no-op entry)', new Uint8Array(0)],
    ['too short', new Uint8Array([1, 0, 0])],
    ['another version', new Uint8Array(20).fill(9)],
  ])('leaves data it did not wrap alone: %s', (_name, data) => {
    expect(unwrapProposal(data)).toBeUndefined();
  });

  it('round-trips the address book with snapshot bytes', () => {
    const book = new Map([
      [1, '10.0.0.1:4242'],
      [2, '10.0.0.2:4242'],
    ]);
    const got = unwrapSnapshot(wrapSnapshot(book, new Uint8Array([7, 8])));
    expect(got.addresses).toEqual(book);
    expect([...got.data]).toEqual([7, 8]);
  });

  it.each([
    [
      'a book',
      '{"1":"a:1","2":"b:2"}',
      [
        [1, 'a:1'],
        [2, 'b:2'],
      ],
    ],
    ['not JSON', 'a:1', []],
    ['not an object', '42', []],
    ['bad keys and values are skipped', '{"x":"a:1","3":5,"4":"d:4"}', [[4, 'd:4']]],
  ])('decodeAddressBook: %s', (_name, text, want) => {
    expect([...decodeAddressBook(new TextEncoder().encode(text))]).toEqual(want);
  });
});

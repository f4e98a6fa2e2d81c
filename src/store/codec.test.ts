import { describe, expect, it } from 'vitest';
import { canonicalJson, decodeSnapshot, decodeTx, encodeTx, reviveAndFreeze } from './codec.js';
import { hasCode } from '../util/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('canonicalJson()', () => {
  it('sorts keys at every level, drops undefined fields and encodes bytes as base64', () => {
    expect(
      canonicalJson({
        b: 1,
        a: { z: [3, { y: true, x: null }], m: undefined },
        c: new Uint8Array([1, 2]),
      }),
    ).toBe('{"a":{"z":[3,{"x":null,"y":true}]},"b":1,"c":{"$b64":"AQI="}}');
  });

  it('orders integer-like keys first, numerically, and encodes a Buffer as bytes', () => {
    expect(canonicalJson({ b: 1, '10': 2, a: 3, '9': 4 })).toBe('{"9":4,"10":2,"a":3,"b":1}');
    expect(canonicalJson({ d: Buffer.from([1, 2]) })).toBe('{"d":{"$b64":"AQI="}}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('gives equal text for equal values built in different orders', () => {
    expect(canonicalJson({ x: 1, y: { a: 'q', b: 'r' } })).toBe(
      canonicalJson({ y: { b: 'r', a: 'q' }, x: 1 }),
    );
  });

  it.each([[Number.NaN], [Infinity], [10n], [() => 1]])('refuses %s', (v) => {
    expect(() => canonicalJson({ v })).toThrow(TypeError);
  });
});

describe('transaction records', () => {
  it('round-trip, bytes included', () => {
    const record = {
      timestampMs: 5,
      requestId: 'r1',
      ops: [
        {
          op: 'create' as const,
          table: 'networks' as const,
          object: { id: 'w1', blob: new Uint8Array([9]) },
        },
        { op: 'delete' as const, table: 'tasks' as const, id: 't1', version: 4 },
      ],
    };
    const decoded = decodeTx(encodeTx(record));
    expect(decoded.ops[0]).toEqual({
      ...record.ops[0],
      object: { id: 'w1', blob: { $b64: 'CQ==' } },
    });
    expect(reviveAndFreeze(decoded)).toEqual(record);
    expect(Object.isFrozen(decoded.ops[0])).toBe(true);
  });

  it.each([
    ['\xff\xfe', /not valid UTF-8 JSON/],
    ['[]', /format is not "tsorch-tx\/1"/],
    ['{"f":"tsorch-tx/1","rid":"r","ops":[]}', /no timestamp/],
    ['{"f":"tsorch-tx/1","ts":1,"ops":[]}', /no request id/],
    ['{"f":"tsorch-tx/1","ts":1,"rid":"r"}', /no ops list/],
    [
      '{"f":"tsorch-tx/1","ts":1,"rid":"r","ops":[{"op":"create","table":"pets","object":{"id":"a"}}]}',
      /ops\[0\]\.table "pets" is not a table/,
    ],
    [
      '{"f":"tsorch-tx/1","ts":1,"rid":"r","ops":[{"op":"upsert","table":"tasks"}]}',
      /ops\[0\]\.op "upsert"/,
    ],
    [
      '{"f":"tsorch-tx/1","ts":1,"rid":"r","ops":[{"op":"update","table":"tasks","object":{"id":"a"}}]}',
      /ops\[0\]\.version is not a version/,
    ],
    [
      '{"f":"tsorch-tx/1","ts":1,"rid":"r","ops":[{"op":"create","table":"tasks","object":{}}]}',
      /ops\[0\]\.object has no string id/,
    ],
    [
      '{"f":"tsorch-tx/1","ts":1,"rid":"r","ops":[{"op":"delete","table":"tasks","version":1}]}',
      /ops\[0\]\.id is not a string/,
    ],
  ])('decodeTx(%j) fails with STORE_CORRUPT', (text, message) => {
    const data = text === '\xff\xfe' ? new Uint8Array([0xff, 0xfe]) : enc(text);
    let error: unknown;
    try {
      decodeTx(data);
    } catch (err) {
      error = err;
    }
    expect(hasCode(error, 'STORE_CORRUPT')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('decodeSnapshot() names a bad table', () => {
    expect(() =>
      decodeSnapshot(enc('{"f":"tsorch-store/1","index":1,"tables":{"tasks":{}}}')),
    ).toThrow('Cannot decode store data: snapshot table "tasks" is not a list');
    expect(() => decodeSnapshot(enc('{"f":"tsorch-store/1","tables":{}}'))).toThrow(/no index/);
  });
});

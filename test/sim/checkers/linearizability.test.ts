import { describe, expect, it } from 'vitest';
import { checkLinearizable, type KvOperation } from './linearizability.js';

const put = (call: number, ret: number, value: string): KvOperation => ({
  client: 1,
  input: { op: 'put', key: 'k', value },
  output: { done: true },
  call,
  ret,
});
const get = (call: number, ret: number, value: string | undefined): KvOperation => ({
  client: 2,
  input: { op: 'get', key: 'k' },
  output: { value },
  call,
  ret,
});
const cas = (
  call: number,
  ret: number,
  expect: string | undefined,
  value: string,
  ok: boolean | undefined,
): KvOperation => ({
  client: 3,
  input: { op: 'cas', key: 'k', expect, value },
  output: ok === undefined ? undefined : { ok },
  call,
  ret: ok === undefined ? Infinity : ret,
});

describe('checkLinearizable()', () => {
  it.each([
    ['sequential put then get', [put(1, 2, 'a'), get(3, 4, 'a')], true],
    ['stale read after a completed put', [put(1, 2, 'a'), put(3, 4, 'b'), get(5, 6, 'a')], false],
    [
      'concurrent read may see either value',
      [put(1, 2, 'a'), put(3, 6, 'b'), get(4, 5, 'a')],
      true,
    ],
    ['read of a value never written', [get(1, 2, 'z')], false],
    ['initial read sees nothing', [get(1, 2, undefined), put(3, 4, 'a')], true],
    [
      'reads cannot go back in time',
      [put(1, 10, 'a'), get(2, 3, 'a'), get(4, 5, undefined)],
      false,
    ],
    ['cas success needs the expected value', [put(1, 2, 'a'), cas(3, 4, 'b', 'c', true)], false],
    ['cas failure is fine on a mismatch', [put(1, 2, 'a'), cas(3, 4, 'b', 'c', false)], true],
    [
      'a pending cas may take effect later',
      [put(1, 2, 'a'), cas(3, 0, 'a', 'c', undefined), get(5, 6, 'c')],
      true,
    ],
    [
      'a pending cas may never take effect',
      [put(1, 2, 'a'), cas(3, 0, 'a', 'c', undefined), get(5, 6, 'a')],
      true,
    ],
  ])('%s', (_name, history, ok) => {
    expect(checkLinearizable(history).ok).toBe(ok);
  });

  it('checks keys independently', () => {
    const other: KvOperation = {
      client: 4,
      input: { op: 'put', key: 'x', value: 'q' },
      output: { done: true },
      call: 7,
      ret: 8,
    };
    const res = checkLinearizable([put(1, 2, 'a'), other, put(3, 4, 'b'), get(5, 6, 'a')]);
    expect(res).toMatchObject({ ok: false, key: 'k' });
  });
});

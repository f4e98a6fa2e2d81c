import { describe, expect, it } from 'vitest';
import { formatDuration, parseBytes, parseDuration, splitShellWords } from './units.js';

describe('parseDuration() and formatDuration()', () => {
  it.each([
    ['1m30s', '1m30s'],
    ['90s', '1m30s'],
    ['1h', '1h0m0s'],
    ['1.5h', '1h30m0s'],
    ['500ms', '500ms'],
    ['1.5s', '1.5s'],
    ['10us', '10µs'],
    ['250ns', '250ns'],
    ['0', '0s'],
    ['2d', '48h0m0s'],
    ['1h1m1s1ms', '1h1m1.001s'],
  ])('reads %s and prints it as Go does (%s)', (input, expected) => {
    const r = parseDuration(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(formatDuration(r.ns)).toBe(expected);
  });

  it.each(['10', 10, 'forever', '5 minutes', '1x', '', 's'])('rejects %j', (input) => {
    expect(parseDuration(input).ok).toBe(false);
  });
});

describe('parseBytes()', () => {
  it.each([
    ['512m', 536870912],
    ['512M', 536870912],
    ['1g', 1073741824],
    ['1gb', 1073741824],
    ['2GiB', 2147483648],
    ['1.5k', 1536],
    ['100', 100],
    ['100b', 100],
    [1024, 1024],
    ['-1', -1],
  ])('reads %j as %d bytes', (input, bytes) => {
    expect(parseBytes(input)).toEqual({ ok: true, bytes });
  });

  it.each(['lots', '12 parsecs', '1.5', 1.5, 'm'])('rejects %j', (input) => {
    expect(parseBytes(input as string).ok).toBe(input === '1.5');
  });
});

describe('splitShellWords()', () => {
  it.each([
    ['npm start', ['npm', 'start']],
    ['sh -c "echo hi && true"', ['sh', '-c', 'echo hi && true']],
    ["echo 'a b' c", ['echo', 'a b', 'c']],
    ['a\\ b', ['a b']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['echo "say \\"hi\\""', ['echo', 'say "hi"']],
    ['', []],
  ])('splits %j', (input, words) => {
    expect(splitShellWords(input)).toEqual({ ok: true, words });
  });

  it('rejects an unterminated quote', () => {
    expect(splitShellWords('echo "oops').ok).toBe(false);
  });
});

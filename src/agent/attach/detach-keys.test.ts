import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../util/errors.js';
import { DetachScanner, parseDetachKeys } from './detach-keys.js';

describe('parseDetachKeys()', () => {
  it.each([
    ['', [16, 17]],
    ['ctrl-p,ctrl-q', [16, 17]],
    ['ctrl-a,x', [1, 120]],
    ['CTRL-A', [1]],
    ['ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_', [0, 27, 28, 29, 30, 31]],
    ['q', [113]],
  ])('parses %j', (text, want) => {
    expect([...parseDetachKeys(text)]).toEqual(want);
  });

  it.each(['ctrl-1', 'ctrl-', 'ab', 'ctrl-p,,ctrl-q', 'alt-x'])(
    'refuses %j naming the field',
    (text) => {
      let caught: unknown;
      try {
        parseDetachKeys(text);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).details?.['field']).toBe('detach_keys');
      expect((caught as Error).message).toContain(`Invalid detach keys "${text}"`);
    },
  );
});

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('DetachScanner', () => {
  it.each([
    ['passes plain input on', ['abc'], 'abc', false],
    ['detaches on the sequence, dropping it and what follows', ['ab\x10\x11cd'], 'ab', true],
    ['detaches across chunks', ['ab\x10', '\x11'], 'ab', true],
    ['gives back a broken prefix', ['\x10x'], '\x10x', false],
    ['gives back a prefix broken in the next chunk', ['\x10', 'y'], '\x10y', false],
    ['restarts on a repeated first key', ['\x10\x10\x11'], '\x10', true],
  ])('%s', (_name, chunks, forwarded, detached) => {
    const s = new DetachScanner(parseDetachKeys(''));
    let out = '';
    let done = false;
    for (const c of chunks) {
      const r = s.feed(b(c));
      out += r.forward.toString('latin1');
      done ||= r.detached;
      if (done) break;
    }
    expect({ out, done }).toEqual({ out: forwarded, done: detached });
  });

  it('detaches on a one-key sequence', () => {
    const s = new DetachScanner(parseDetachKeys('ctrl-x'));
    expect(s.feed(b('ab\x18'))).toEqual({ forward: b('ab'), detached: true });
  });
});

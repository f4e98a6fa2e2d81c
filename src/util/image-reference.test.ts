import { describe, expect, it } from 'vitest';
import { hasCode } from './errors.js';
import { familiarName, familiarTagged, parseReference } from './image-reference.js';

const d = `sha256:${'a'.repeat(64)}`;

describe('parseReference()', () => {
  it.each([
    ['busybox', { registry: 'docker.io', repository: 'library/busybox' }, 'busybox:latest'],
    [
      'busybox:1.36',
      { registry: 'docker.io', repository: 'library/busybox', tag: '1.36' },
      'busybox:1.36',
    ],
    ['me/app:v1', { registry: 'docker.io', repository: 'me/app', tag: 'v1' }, 'me/app:v1'],
    [
      '127.0.0.1:5000/app',
      { registry: '127.0.0.1:5000', repository: 'app' },
      '127.0.0.1:5000/app:latest',
    ],
    ['localhost/a/b:t', { registry: 'localhost', repository: 'a/b', tag: 't' }, 'localhost/a/b:t'],
    [`reg.io/x@${d}`, { registry: 'reg.io', repository: 'x', digest: d }, 'reg.io/x:latest'],
  ])('parses "%s"', (ref, want, tagged) => {
    const got = parseReference(ref);
    expect(got).toEqual(want);
    expect(familiarTagged(got)).toBe(tagged);
    expect(familiarName(got)).toBe(tagged.slice(0, tagged.lastIndexOf(':')));
  });

  it.each(['', 'UPPER', 'a@sha256:zz', 'a:b@c', 'a:', 'a//b', 'a:bad tag'])(
    'rejects "%s"',
    (ref) => {
      let err: unknown;
      try {
        parseReference(ref);
      } catch (e) {
        err = e;
      }
      expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    },
  );
});

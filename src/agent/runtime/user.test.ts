import { describe, expect, it } from 'vitest';
import { resolveUser } from './user.js';

const passwd = `root:x:0:0:root:/root:/bin/sh
# a comment
daemon:x:1:1::/:/bin/false
app:x:1000:1000:App:/home/app:/bin/sh
broken line
nobody:x:65534:65534:nobody:/home:/bin/false
`;
const group = `root:x:0:
app:x:1000:
audio:x:29:app,other
video:x:44:app
nogroup:x:65534:
`;
const files = { passwd, group };

describe('resolveUser()', () => {
  it.each([
    ['', { uid: 0, gid: 0, additionalGids: [] }],
    ['root', { uid: 0, gid: 0, additionalGids: [] }],
    ['app', { uid: 1000, gid: 1000, additionalGids: [29, 44] }],
    ['1000', { uid: 1000, gid: 1000, additionalGids: [29, 44] }],
    ['app:audio', { uid: 1000, gid: 29, additionalGids: [44] }],
    ['app:44', { uid: 1000, gid: 44, additionalGids: [29] }],
    ['4242', { uid: 4242, gid: 0, additionalGids: [] }],
    ['4242:4343', { uid: 4242, gid: 4343, additionalGids: [] }],
    ['nobody:nogroup', { uid: 65534, gid: 65534, additionalGids: [] }],
  ])('resolves "%s"', (spec, expected) => {
    expect(resolveUser(spec, files)).toEqual(expected);
  });

  it('resolves numeric ids without any files', () => {
    expect(resolveUser('12:34')).toEqual({ uid: 12, gid: 34, additionalGids: [] });
  });

  it.each(['ghost', 'app:ghosts', 'a:b:c', ':0', '0:'])(
    'rejects "%s" naming the user field',
    (spec) => {
      expect(() => resolveUser(spec, files)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'user' } }),
      );
    },
  );
});

import { describe, expect, it } from 'vitest';
import {
  checkSymlinkTarget,
  entryComponents,
  hardlinkComponents,
  whiteoutKind,
} from './entry-path.js';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('entry path checks', () => {
  it.each([
    ['./', []],
    ['a/b/', ['a', 'b']],
    ['./a/./b', ['a', 'b']],
    ['a//b', ['a', 'b']],
  ])('entryComponents(%j)', (name, want) => {
    expect(entryComponents(name)).toEqual(want);
  });

  it.each(['/etc/passwd', '../x', 'a/../../x', 'a/..', 'a\0b'])(
    'entryComponents(%j) is unsafe',
    (name) => {
      expect(code(() => entryComponents(name))).toBe('IMAGE_UNSAFE_LAYER');
    },
  );

  it.each([
    [['a', 'link'], '../b', undefined],
    [['a', 'b', 'link'], '../../c', undefined],
    [['link'], '/usr/bin/busybox', undefined],
    [['link'], '../etc', 'IMAGE_UNSAFE_LAYER'],
    [['a', 'link'], 'x/../../../y', 'IMAGE_UNSAFE_LAYER'],
  ])('checkSymlinkTarget(%j, %j)', (parts, target, want) => {
    expect(code(() => checkSymlinkTarget(parts, target, 'e'))).toBe(want);
  });

  it('hardlinkComponents() refuses escaping targets', () => {
    expect(hardlinkComponents('./a/b', 'e')).toEqual(['a', 'b']);
    expect(code(() => hardlinkComponents('/etc/passwd', 'e'))).toBe('IMAGE_UNSAFE_LAYER');
    expect(code(() => hardlinkComponents('../x', 'e'))).toBe('IMAGE_UNSAFE_LAYER');
  });

  it('whiteoutKind() classifies OCI whiteout names', () => {
    expect(whiteoutKind('.wh..wh..opq')).toEqual({ kind: 'opaque' });
    expect(whiteoutKind('.wh.file')).toEqual({ kind: 'whiteout', name: 'file' });
    expect(whiteoutKind('.wh..wh.plnk')).toEqual({ kind: 'meta' });
    expect(whiteoutKind('file')).toEqual({ kind: 'none' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseDockerignore, patternToRegex } from './dockerignore.js';

describe('parseDockerignore()', () => {
  const { matcher, issues } = parseDockerignore(
    ['# comment', 'node_modules', '*.log', '!keep.log', 'docs/**/*.md', '/build/', 'tmp?', ''].join(
      '\n',
    ),
  );

  it.each([
    ['node_modules', true],
    ['node_modules/x/y.js', true],
    ['a.log', true],
    ['keep.log', false],
    ['sub/a.log', false],
    ['docs/a.md', true],
    ['docs/x/y/z.md', true],
    ['docs/x/y/z.txt', false],
    ['build/out.bin', true],
    ['tmp1', true],
    ['tmp12', false],
    ['src/main.ts', false],
  ])('excludes(%j) is %s', (path, want) => {
    expect(matcher.excludes(path)).toBe(want);
  });

  it('reports malformed patterns with their line', () => {
    expect(issues).toEqual([]);
    expect(parseDockerignore('ok\n[abc').issues).toEqual([{ line: 2, pattern: '[abc' }]);
  });

  it('lets a later exception re-include a file under an excluded directory', () => {
    const m = parseDockerignore('dir\n!dir/keep').matcher;
    expect(m.excludes('dir/drop')).toBe(true);
    expect(m.excludes('dir/keep')).toBe(false);
    expect(m.hasExceptions).toBe(true);
  });

  it('supports character classes', () => {
    expect(patternToRegex('f[a-c].txt')?.test('fb.txt')).toBe(true);
    expect(patternToRegex('f[^a-c].txt')?.test('fb.txt')).toBe(false);
  });
});

/**
 * `.dockerignore` matching (pure): Go `filepath.Match` patterns plus `**` for any number of
 * directories and `!` exceptions; the last matching pattern wins, and a pattern that matches a
 * directory also excludes everything under it (Docker's patternmatcher semantics).
 *
 * @module
 */

interface Pattern {
  exclusion: boolean;
  regex: RegExp;
  text: string;
}

/** A compiled `.dockerignore`. */
export interface IgnoreMatcher {
  /** True when the context-relative, slash-separated `path` is excluded. */
  excludes(path: string): boolean;
  /** True when some `!` pattern could re-include something below an excluded directory. */
  readonly hasExceptions: boolean;
}

/** Normalizes a path like Go's filepath.Clean, relative to the context root. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Compiles one `filepath.Match`-style pattern (with `**`) to an anchored regular expression.
 * Returns undefined for a malformed pattern (unterminated `[`).
 */
export function patternToRegex(pattern: string): RegExp | undefined {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` matches zero or more directories; a trailing `**` matches everything.
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = `^${cls.slice(1)}`;
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      i++;
      re += escapeRegex(pattern[i] ?? '');
    } else {
      re += escapeRegex(c);
    }
  }
  try {
    return new RegExp(`${re}$`, 's');
  } catch {
    return undefined;
  }
}

function escapeRegex(c: string): string {
  return /[.+^${}()|[\]\\*?]/.test(c) ? `\\${c}` : c;
}

/** The problems found in a `.dockerignore` (malformed patterns), with their 1-based lines. */
export interface IgnoreIssue {
  line: number;
  pattern: string;
}

/** Parses `.dockerignore` text. Malformed patterns are returned as issues, not thrown. */
export function parseDockerignore(text: string): { matcher: IgnoreMatcher; issues: IgnoreIssue[] } {
  const patterns: Pattern[] = [];
  const issues: IgnoreIssue[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    const cleaned = cleanPath(line);
    if (cleaned === '') return;
    const regex = patternToRegex(cleaned);
    if (regex === undefined) issues.push({ line: idx + 1, pattern: raw.trim() });
    else patterns.push({ exclusion, regex, text: cleaned });
  });
  return { matcher: compile(patterns), issues };
}

function compile(patterns: Pattern[]): IgnoreMatcher {
  const hasExceptions = patterns.some((p) => p.exclusion);
  return {
    hasExceptions,
    excludes(path: string): boolean {
      const p = cleanPath(path);
      const parents: string[] = [];
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/'));
      let excluded = false;
      for (const pat of patterns) {
        if (pat.exclusion !== excluded) continue;
        const hit = pat.regex.test(p) || parents.some((parent) => pat.regex.test(parent));
        if (hit) excluded = !pat.exclusion;
      }
      return excluded;
    },
  };
}

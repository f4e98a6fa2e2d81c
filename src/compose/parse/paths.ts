/**
 * POSIX path arithmetic without `node:path` (the parse core stays I/O-free).
 *
 * @module
 */

/** True for `/abs`. */
export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** Normalizes `.` and `..` segments and repeated slashes. */
export function normalize(p: string): string {
  const abs = isAbsolute(p);
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined === '' ? '.' : joined;
}

/** Resolves `p` against the absolute directory `base`; expands a leading `~` with `home`. */
export function resolvePath(base: string, p: string, home?: string): string {
  if (home !== undefined && (p === '~' || p.startsWith('~/')))
    return normalize(`${home}${p.slice(1)}`);
  return isAbsolute(p) ? normalize(p) : normalize(`${base}/${p}`);
}

/** The directory part of a path. */
export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

/** The last segment of a path. */
export function basename(p: string): string {
  const n = normalize(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** True when `s` is a remote reference (URL or git address) rather than a local path. */
export function isRemote(s: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/|oci:\/\/|docker-image:\/\/)/.test(s);
}

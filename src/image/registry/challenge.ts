/**
 * Parsing of `WWW-Authenticate` challenges (RFC 7235; distribution token auth spec).
 *
 * @module
 */

/** A parsed challenge. */
export interface Challenge {
  scheme: 'bearer' | 'basic' | 'other';
  params: Record<string, string>;
}

/** Parses one `WWW-Authenticate` header value (the first challenge in it). */
export function parseChallenge(header: string): Challenge {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  const scheme = (m?.[1] ?? '').toLowerCase();
  const params: Record<string, string> = {};
  const rest = m?.[2] ?? '';
  const re = /([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  let match: RegExpExecArray | null;
  while ((match = re.exec(rest)) !== null && match[0] !== '') {
    const key = match[1]?.toLowerCase();
    if (key === undefined) break;
    params[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
  }
  return {
    scheme: scheme === 'bearer' ? 'bearer' : scheme === 'basic' ? 'basic' : 'other',
    params,
  };
}

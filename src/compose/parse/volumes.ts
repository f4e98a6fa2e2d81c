/**
 * Service volume short syntax (compose-spec: volumes): `target`, `source:target`,
 * `source:target:options` with options ro, rw, nocopy, z, Z and bind propagation modes.
 * A source starting with `.`, `/` or `~` is a bind mount; anything else names a volume.
 *
 * @module
 */
import { normalize } from './paths.js';

/** A service volume in the long syntax, keys in Docker Compose's output order. */
export interface VolumeMount {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { selinux?: string; propagation?: string; create_host_path?: boolean };
  volume?: { nocopy?: boolean };
}

const propagations = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];

/** Parses a short-syntax volume. */
export function parseVolumeSpec(
  spec: string,
): { ok: true; volume: VolumeMount } | { ok: false; message: string } {
  const fail = (why: string) => ({
    ok: false as const,
    message: `Cannot parse volume "${spec}": ${why}`,
  });
  if (spec === '') return fail('empty volume');
  const parts = splitVolume(spec);
  if (parts.some((p) => p === '')) return fail('empty section between colons');
  if (parts.length > 3) return fail('too many colons; expected "source:target:options"');
  if (parts.length === 1)
    return { ok: true, volume: { type: 'volume', target: cleanPath(parts[0] ?? ''), volume: {} } };
  const source = parts[0] ?? '';
  const target = cleanPath(parts[1] ?? '');
  const isBind = /^[./~]/.test(source) || /^[A-Za-z]:/.test(source);
  const out: VolumeMount = { type: isBind ? 'bind' : 'volume', source, target };
  const bind: NonNullable<VolumeMount['bind']> = {};
  let nocopy = false;
  for (const opt of (parts[2] ?? '').split(',').filter((o) => o !== '')) {
    if (opt === 'ro') out.read_only = true;
    else if (opt === 'rw') delete out.read_only;
    else if (opt === 'nocopy') nocopy = true;
    else if (opt === 'z' || opt === 'Z') bind.selinux = opt;
    else if (propagations.includes(opt)) bind.propagation = opt;
    else
      return fail(
        `unknown option "${opt}" (valid: ro, rw, nocopy, z, Z, ${propagations.join(', ')})`,
      );
  }
  if (isBind) out.bind = { ...bind, create_host_path: true };
  else out.volume = nocopy ? { nocopy: true } : {};
  return { ok: true, volume: out };
}

function splitVolume(spec: string): string[] {
  // Keep `${...}` (uninterpolated) and a Windows drive letter (`C:`) in one piece.
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] ?? '';
    if (c === '$' && spec[i + 1] === '{') depth++;
    if (c === '}' && depth > 0) depth--;
    if (
      c === ':' &&
      depth === 0 &&
      !(cur.length === 1 && /[A-Za-z]/.test(cur) && out.length === 0 && spec[i + 1] === '\\')
    ) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Cleans a container path like Go's path.Clean (`/data/` → `/data`, `a//b/../c` → `a/c`). */
export const cleanPath = normalize;

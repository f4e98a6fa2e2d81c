/**
 * Normalization of what a service mounts and publishes: volumes (short and long syntax),
 * secrets and configs, devices and ports.
 *
 * @module
 */
import { isRecord, ordered, type Ctx } from './convert.js';
import type { Path } from './node.js';
import { isAbsolute } from './paths.js';
import { parsePortSpec, type PortConfig } from './ports.js';
import { cleanPath, parseVolumeSpec } from './volumes.js';

/** Normalizes a secret or config grant (short or long syntax). */
export function fileRef(
  ctx: Ctx,
  path: Path,
  v: unknown,
  secret: boolean,
): Record<string, unknown> {
  const r: Record<string, unknown> =
    typeof v === 'string' ? { source: v } : { ...(v as Record<string, unknown>) };
  if (secret && r['target'] === undefined && ctx.opts.normalize)
    r['target'] = `/run/secrets/${ctx.str(r['source'])}`;
  if (r['uid'] !== undefined) r['uid'] = ctx.str(r['uid']);
  if (r['gid'] !== undefined) r['gid'] = ctx.str(r['gid']);
  if (r['mode'] !== undefined) {
    const m = r['mode'];
    const n =
      typeof m === 'number' ? m : /^[0-7]+$/.test(ctx.str(m)) ? parseInt(ctx.str(m), 8) : NaN;
    if (Number.isNaN(n))
      ctx.issue(
        [...path, 'mode'],
        'invalid_value',
        `Invalid file mode ${JSON.stringify(m)}: use octal digits such as "0440"`,
      );
    else r['mode'] = `0${n.toString(8)}`;
  }
  return ordered(r, ['source', 'target', 'uid', 'gid', 'mode']);
}

/** Normalizes a device mapping (`/dev/x:/dev/y:rwm` or long syntax). */
export function device(d: unknown): Record<string, unknown> {
  if (typeof d !== 'string')
    return ordered({ ...(d as Record<string, unknown>) }, ['source', 'target', 'permissions']);
  const [src = '', dst, perms] = d.split(':');
  return {
    source: src,
    target: dst === undefined || dst === '' ? src : dst,
    permissions: perms ?? 'rwm',
  };
}

const portKeyOrder = ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'];

/** Normalizes one port (short syntax may expand to several). */
export function port(ctx: Ctx, path: Path, p: unknown): PortConfig[] {
  if (typeof p === 'number' || typeof p === 'string') {
    const r = parsePortSpec(String(p));
    if (r.ok) return r.value.map((x) => ordered({ ...x }, portKeyOrder) as unknown as PortConfig);
    ctx.issue(path, 'invalid_port', r.message);
    return [];
  }
  const m = { ...(p as Record<string, unknown>) };
  const target = m['target'] === undefined ? undefined : ctx.int([...path, 'target'], m['target']);
  if (target === undefined || target < 1 || target > 65535) {
    if (m['target'] === undefined)
      ctx.issue(path, 'invalid_port', 'Port is missing its "target" (the container port)');
    else if (target !== undefined)
      ctx.issue(
        [...path, 'target'],
        'invalid_port',
        `Invalid port ${target}: must be between 1 and 65535`,
      );
    return [];
  }
  const out: Record<string, unknown> = {
    ...m,
    target,
    mode: m['mode'] ?? 'ingress',
    protocol: m['protocol'] ?? 'tcp',
  };
  if (m['published'] !== undefined) {
    const pub = ctx.str(m['published']);
    if (!/^\d+(-\d+)?$/.test(pub))
      ctx.issue(
        [...path, 'published'],
        'invalid_port',
        `Cannot parse published port "${pub}": must be a number or a range such as "8000-8010"`,
      );
    out['published'] = pub;
  }
  return [ordered(out, portKeyOrder) as unknown as PortConfig];
}

/** Normalizes one service volume (short or long syntax). */
export function volume(ctx: Ctx, path: Path, v: unknown): Record<string, unknown>[] {
  let m: Record<string, unknown>;
  if (typeof v === 'string') {
    const r = parseVolumeSpec(v);
    if (!r.ok) {
      ctx.issue(path, 'invalid_volume', r.message);
      return [];
    }
    m = { ...r.volume };
  } else {
    m = { ...(v as Record<string, unknown>) };
    // compose-go (transform/defaults.go) fills create_host_path only inside an existing `bind`
    // mapping: a long-syntax bind mount without one prints without it.
    if (isRecord(m['bind'])) {
      const b = { ...m['bind'] };
      if (b['create_host_path'] === undefined) b['create_host_path'] = true;
      else
        b['create_host_path'] = ctx.bool(
          [...path, 'bind', 'create_host_path'],
          b['create_host_path'],
        );
      m['bind'] = ordered(b, ['selinux', 'propagation', 'create_host_path', 'recursive']);
    }
    if (isRecord(m['volume']) && m['volume']['nocopy'] !== undefined) {
      const nocopy = ctx.bool([...path, 'volume', 'nocopy'], m['volume']['nocopy']);
      m['volume'] = { ...m['volume'], nocopy };
    }
    if (isRecord(m['tmpfs'])) {
      const t = { ...m['tmpfs'] };
      if (t['size'] !== undefined) t['size'] = ctx.bytes([...path, 'tmpfs', 'size'], t['size']);
      if (t['mode'] !== undefined) t['mode'] = ctx.int([...path, 'tmpfs', 'mode'], t['mode']);
      m['tmpfs'] = ordered(t, ['size', 'mode']);
    }
    if (m['read_only'] !== undefined)
      m['read_only'] = ctx.bool([...path, 'read_only'], m['read_only']) === true ? true : undefined;
    if (typeof m['target'] !== 'string' || m['target'] === '') {
      ctx.issue(
        path,
        'invalid_volume',
        `Volume of type "${ctx.str(m['type'])}" is missing its "target" (the path in the container)`,
      );
      return [];
    }
    m['target'] = cleanPath(m['target']);
  }
  const source = m['source'];
  // compose-go joins relative sources to the project directory and leaves absolute ones as
  // written (a trailing "/" stays).
  if (m['type'] === 'bind' && typeof source === 'string' && source !== '' && !isAbsolute(source))
    m['source'] = ctx.resolve(path, source);
  if (m['type'] === 'bind' && (source === undefined || source === '')) {
    ctx.issue(path, 'invalid_volume', 'Bind mount is missing its "source" (the path on the host)');
  }
  return [
    ordered(m, [
      'type',
      'source',
      'target',
      'read_only',
      'consistency',
      'bind',
      'volume',
      'tmpfs',
      'image',
    ]),
  ];
}

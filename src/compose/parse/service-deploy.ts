/**
 * Normalization of a service's `deploy` section (compose-spec: deploy): durations, byte sizes
 * and counts parsed, keys in compose-go's order.
 *
 * @module
 */
import { isRecord, ordered, type Ctx } from './convert.js';
import type { Path } from './node.js';

/** Normalizes the `deploy` section. */
export function normalizeDeploy(
  ctx: Ctx,
  path: Path,
  d: Record<string, unknown>,
): Record<string, unknown> {
  const o: Record<string, unknown> = { ...d };
  if (d['replicas'] !== undefined) o['replicas'] = ctx.int([...path, 'replicas'], d['replicas']);
  if (d['labels'] !== undefined) o['labels'] = ctx.stringMap(d['labels']);
  for (const k of ['update_config', 'rollback_config']) {
    const u = d[k];
    if (!isRecord(u)) continue;
    const uo: Record<string, unknown> = { ...u };
    if (u['parallelism'] !== undefined)
      uo['parallelism'] = ctx.int([...path, k, 'parallelism'], u['parallelism']);
    for (const t of ['delay', 'monitor'])
      if (u[t] !== undefined) uo[t] = ctx.duration([...path, k, t], u[t]);
    if (u['max_failure_ratio'] !== undefined)
      uo['max_failure_ratio'] = ctx.num([...path, k, 'max_failure_ratio'], u['max_failure_ratio']);
    o[k] = ordered(uo, [
      'parallelism',
      'delay',
      'failure_action',
      'monitor',
      'max_failure_ratio',
      'order',
    ]);
  }
  if (isRecord(d['resources'])) {
    const r: Record<string, unknown> = { ...d['resources'] };
    for (const k of ['limits', 'reservations']) {
      const x = r[k];
      if (!isRecord(x)) continue;
      const xo: Record<string, unknown> = { ...x };
      if (x['cpus'] !== undefined)
        xo['cpus'] = ctx.num([...path, 'resources', k, 'cpus'], x['cpus']);
      if (x['memory'] !== undefined)
        xo['memory'] = ctx.bytes([...path, 'resources', k, 'memory'], x['memory']);
      if (x['pids'] !== undefined)
        xo['pids'] = ctx.int([...path, 'resources', k, 'pids'], x['pids']);
      if (Array.isArray(x['devices'])) {
        xo['devices'] = x['devices'].map((dev, i) => {
          const dv = deviceRequest(ctx, [...path, 'resources', k, 'devices', i], dev);
          if (dv['count'] === undefined && dv['device_ids'] === undefined) dv['count'] = 'all';
          return dv;
        });
      }
      r[k] = ordered(xo, ['cpus', 'memory', 'pids', 'devices', 'generic_resources']);
    }
    o['resources'] = ordered(r, ['limits', 'reservations']);
  }
  if (isRecord(d['restart_policy'])) {
    const rp: Record<string, unknown> = { ...d['restart_policy'] };
    for (const t of ['delay', 'window'])
      if (rp[t] !== undefined) rp[t] = ctx.duration([...path, 'restart_policy', t], rp[t]);
    if (rp['max_attempts'] !== undefined)
      rp['max_attempts'] = ctx.int([...path, 'restart_policy', 'max_attempts'], rp['max_attempts']);
    o['restart_policy'] = ordered(rp, ['condition', 'delay', 'max_attempts', 'window']);
  }
  if (isRecord(d['placement'])) {
    const p: Record<string, unknown> = { ...d['placement'] };
    if (p['max_replicas_per_node'] !== undefined)
      p['max_replicas_per_node'] = ctx.int(
        [...path, 'placement', 'max_replicas_per_node'],
        p['max_replicas_per_node'],
      );
    o['placement'] = ordered(p, ['constraints', 'preferences', 'max_replicas_per_node']);
  }
  return ordered(o, [
    'mode',
    'replicas',
    'labels',
    'update_config',
    'rollback_config',
    'resources',
    'restart_policy',
    'placement',
    'endpoint_mode',
  ]);
}

/**
 * A device request (`deploy.resources.*.devices[]`, `gpus[]`): `count` is a number, or "all"
 * (compose-go DeviceCount), also when it comes from a variable.
 */
export function deviceRequest(ctx: Ctx, path: Path, dev: unknown): Record<string, unknown> {
  const d = { ...(dev as Record<string, unknown>) };
  const count = d['count'];
  if (count !== undefined && !(typeof count === 'string' && count.toLowerCase() === 'all'))
    d['count'] = ctx.int([...path, 'count'], count);
  return d;
}

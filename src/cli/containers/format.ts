/**
 * Output helpers for container commands: docker-like tables, relative times, sizes. Pure.
 *
 * @module
 */

/** Renders rows as a left-aligned table with three spaces between columns (docker's look). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** `5 seconds ago`, `About a minute ago`, `3 hours ago`. */
export function timeAgo(iso: string, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (s < 1) return 'Less than a second ago';
  if (s < 60) return `${s} second${s === 1 ? '' : 's'} ago`;
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? 'About a minute ago' : `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 48) return h === 1 ? 'About an hour ago' : `${h} hours ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Bytes in docker's stats style: `1.5MiB`, `64MiB`, `512KiB`, `12B`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  // Trailing zeros go only after a decimal point: 780 stays 780, 1.50 becomes 1.5.
  const digits = v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2).replace(/\.(\d*?)0+$/, '.$1');
  return `${u === 0 ? String(v) : digits.replace(/\.$/, '')}${units[u] ?? 'B'}`;
}

/** Truncates with `…` like docker's COMMAND column. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Text formatting for image commands (pure): sizes and ages as Docker prints them, and the
 * `image ls` table.
 *
 * @module
 */

/** Docker's human size: decimal units, 3 significant digits (`2.02MB`, `512B`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v.toPrecision(3);
  const trimmed = digits.includes('.') ? digits.replace(/\.?0+$/, '') : digits;
  return `${i === 0 ? String(v) : trimmed}${units[i] ?? ''}`;
}

/** `N units ago` for a time `ms` before now. */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const steps: [number, string][] = [
    [365 * 86400, 'year'],
    [30 * 86400, 'month'],
    [7 * 86400, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [len, name] of steps) {
    const n = Math.floor(s / len);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return s < 2 ? 'Less than a second ago' : `${s} seconds ago`;
}

/** Renders rows as left-aligned columns separated by three spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Splits a `name:tag` into repository and tag (`<none>` for dangling). */
export function splitTag(repoTag: string): [string, string] {
  const i = repoTag.lastIndexOf(':');
  if (i < 0 || repoTag.slice(i).includes('/')) return [repoTag, '<none>'];
  return [repoTag.slice(0, i), repoTag.slice(i + 1)];
}

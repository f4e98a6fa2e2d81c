/**
 * Log line prefixes like Docker Compose's (pure): `web-1  | text`, the names padded to one
 * width and each service in its own colour, taken in turn from Compose's palette; no colour
 * when the output is not a terminal or NO_COLOR is set.
 *
 * @module
 */

/** Compose's order of colours (ANSI foreground codes): cyan, yellow, green, magenta, blue... */
const palette = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

/** Prefixes for the lines of a set of services. */
export interface LogPrefixer {
  /** `text` of replica `slot` of `service`, with its prefix (and colour). */
  line(service: string, slot: number, text: string): string;
}

/**
 * A prefixer for `services` with their replica counts (the prefix is `service-slot`).
 *
 * @example
 * logPrefixer({ web: 2, db: 1 }, { colour: false }).line('db', 1, 'ready') // 'db-1   | ready'
 */
export function logPrefixer(
  replicas: Readonly<Record<string, number>>,
  options: { colour: boolean; prefix?: boolean },
): LogPrefixer {
  const names = Object.keys(replicas).sort();
  const width = Math.max(0, ...names.map((n) => `${n}-${Math.max(1, replicas[n] ?? 1)}`.length));
  const colour = new Map(names.map((n, i) => [n, palette[i % palette.length] ?? 36]));
  return {
    line(service, slot, text) {
      if (options.prefix === false) return text;
      const label = `${service}-${slot}`.padEnd(width);
      const prefix = options.colour
        ? `\x1b[${colour.get(service) ?? 36}m${label}  |\x1b[0m`
        : `${label}  |`;
      return `${prefix} ${text}`;
    },
  };
}

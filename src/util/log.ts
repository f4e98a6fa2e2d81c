/**
 * A small structured logger: one line per record, `level msg key=value ...`, to a sink
 * (stderr by default). Daemons log through it; the CLI prints for people instead.
 *
 * @module
 */

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Structured fields of a record. */
export type LogFields = Record<string, unknown>;

/** A logger bound to a component name and fields. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A child logger that adds `fields` to every record. */
  with(fields: LogFields): Logger;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
  now?: () => Date;
}

function formatValue(v: unknown): string {
  if (v instanceof Error) return JSON.stringify(v.message);
  if (typeof v === 'string') return /^[\w./:@-]+$/.test(v) ? v : JSON.stringify(v);
  // JSON.stringify returns undefined for undefined, functions and symbols.
  return v === undefined || typeof v === 'function' || typeof v === 'symbol'
    ? String(v)
    : JSON.stringify(v);
}

/** Creates a logger writing `time level msg k=v` lines. */
export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const min = rank[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (rank[level] < min) return;
    let line = `${now().toISOString()} ${level} ${msg}`;
    for (const [k, v] of Object.entries({ ...bound, ...fields })) {
      if (v !== undefined) line += ` ${k}=${formatValue(v)}`;
    }
    write(`${line}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    with: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

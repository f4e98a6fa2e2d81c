/**
 * `--log-opt` of the json-file log driver (docker's `max-size` and `max-file`), parsed and
 * checked. Shared by the CLI (checked before anything is sent) and the daemon (checked again at
 * create). Pure.
 *
 * @module
 */
import { InvalidArgumentError } from './errors.js';
import { containerLogMaxBytes, containerLogMaxFiles, containerLogMaxFilesLimit } from './limits.js';

/** How a container's log rotates. */
export interface LogRotation {
  /** Size at which the current file rotates. */
  maxSizeBytes: number;
  /** Files kept, the current one included (1: the file is truncated instead). */
  maxFiles: number;
}

/** The rotation when no `--log-opt` is given (tsorch's defaults: 10 MiB, 3 files). */
export const defaultLogRotation: LogRotation = {
  maxSizeBytes: containerLogMaxBytes,
  maxFiles: containerLogMaxFiles,
};

const supported = ['max-size', 'max-file'];

function bad(key: string, value: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`Invalid --log-opt ${key}="${value}": ${why}`, {
    details: { field: `log_opts.${key}` },
  });
}

/** Parses a docker size (`10m`, `1g`, `512k`, `2048`; units of 1024): bytes, or undefined. */
function sizeBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (m?.[1] === undefined) return undefined;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

/**
 * Parses `--log-opt` values (`max-size`, `max-file`) into a rotation; options not given keep
 * tsorch's defaults. As docker's json-file: `max-file` above 1 needs a size to rotate at, so a
 * `max-size` of -1 (no rotation) with `max-file` is refused.
 *
 * @example
 * parseLogOptions({ 'max-size': '10m', 'max-file': '3' }) // { maxSizeBytes: 10485760, maxFiles: 3 }
 * @throws {InvalidArgumentError} naming the option, for an unknown option or a bad value.
 */
export function parseLogOptions(opts: Readonly<Record<string, string>>): LogRotation {
  const out: LogRotation = { ...defaultLogRotation };
  for (const key of Object.keys(opts)) {
    if (!supported.includes(key)) {
      throw new InvalidArgumentError(
        `Unknown --log-opt "${key}": the json-file log driver takes max-size and max-file`,
        { details: { field: `log_opts.${key}` } },
      );
    }
  }
  const size = opts['max-size'];
  let unbounded = false;
  if (size !== undefined) {
    if (size.trim() === '-1') {
      unbounded = true;
      out.maxSizeBytes = Number.MAX_SAFE_INTEGER;
      out.maxFiles = 1;
    } else {
      const n = sizeBytes(size);
      if (n === undefined || n <= 0)
        throw bad('max-size', size, 'use a positive size such as 10m, 512k or 1g, or -1');
      out.maxSizeBytes = n;
    }
  }
  const files = opts['max-file'];
  if (files !== undefined) {
    const n = /^\d+$/.test(files.trim()) ? Number(files) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1)
      throw bad('max-file', files, 'use a whole number of files, at least 1');
    if (n > containerLogMaxFilesLimit)
      throw bad('max-file', files, `at most ${containerLogMaxFilesLimit} files are kept`);
    if (unbounded && n > 1)
      throw bad('max-file', files, 'rotating over several files needs max-size (it is -1)');
    out.maxFiles = n;
  }
  return out;
}

/** Splits `KEY=VALUE` flags of `--log-opt` into a map. */
export function logOptionsFromFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of flags) {
    const i = kv.indexOf('=');
    if (i <= 0) {
      throw new InvalidArgumentError(
        `Invalid --log-opt "${kv}": use KEY=VALUE, e.g. max-size=10m`,
        {
          details: { field: 'log_opts' },
        },
      );
    }
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

/**
 * Pure parsers of container flag values (`-v`, `--memory`, `--health-interval`, `--cpus`), shared
 * by the CLI's flag checks and the agent. No I/O.
 *
 * @module
 */
import { InvalidArgumentError } from './errors.js';

/** A `-v` flag, parsed. */
export type VolumeFlag =
  | { type: 'volume'; name: string | undefined; target: string; readonly: boolean }
  | { type: 'bind'; source: string; target: string; readonly: boolean };

function badVolume(spec: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`Invalid volume specification "${spec}": ${why}`, {
    details: { field: 'volumes' },
  });
}

/**
 * Parses docker's `-v` syntax: `NAME:/path[:ro|rw]` (named volume), `/host:/path[:ro|rw]`
 * (bind mount), or `/path` (anonymous volume).
 *
 * @throws {InvalidArgumentError} naming the specification.
 */
export function parseVolumeFlag(spec: string): VolumeFlag {
  const parts = spec.split(':');
  if (parts.length === 1) {
    const target = parts[0] ?? '';
    if (!target.startsWith('/')) throw badVolume(spec, 'the container path must be absolute');
    return { type: 'volume', name: undefined, target, readonly: false };
  }
  if (parts.length > 3) throw badVolume(spec, 'too many ":" separated parts');
  const [source = '', target = '', mode = 'rw'] = parts;
  if (mode !== 'ro' && mode !== 'rw') throw badVolume(spec, `unknown mode "${mode}": use ro or rw`);
  if (!target.startsWith('/')) throw badVolume(spec, 'the container path must be absolute');
  if (target.replace(/\/+$/, '') === '')
    throw badVolume(spec, 'the container path cannot be "/" (the root filesystem)');
  if (source === '') throw badVolume(spec, 'empty source');
  const readonly = mode === 'ro';
  if (source.startsWith('/')) return { type: 'bind', source, target, readonly };
  return { type: 'volume', name: source, target, readonly };
}

/**
 * Parses a docker-style duration (`30s`, `1m30s`, `500ms`, `2h`) into milliseconds.
 *
 * @throws {InvalidArgumentError} naming `field`.
 */
export function parseDurationMs(text: string, field: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const n = Number(m[1]);
    const unit = m[2];
    total +=
      unit === 'h'
        ? n * 3_600_000
        : unit === 'm'
          ? n * 60_000
          : unit === 's'
            ? n * 1000
            : unit === 'ms'
              ? n
              : unit === 'us'
                ? n / 1000
                : n / 1e6;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) {
    throw new InvalidArgumentError(
      `Invalid duration "${text}" for ${field}: use e.g. 30s, 1m30s or 500ms`,
      {
        details: { field },
      },
    );
  }
  return Math.round(total);
}

/**
 * Parses a memory size such as `64m`, `1g`, `512k` or plain bytes.
 *
 * @throws {InvalidArgumentError} naming `field`.
 */
export function parseBytes(text: string, field: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)i?b?$/i.exec(text.trim());
  if (m?.[1] === undefined) {
    throw new InvalidArgumentError(
      `Invalid size "${text}" for ${field}: use e.g. 64m, 1g or 512k`,
      {
        details: { field },
      },
    );
  }
  const mult =
    { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

/**
 * Converts Docker's `--cpus 1.5` into a CFS quota over the default 100 ms period.
 *
 * @throws {InvalidArgumentError} when `cpus` is not a positive number.
 */
export function cpusToQuota(cpus: number): { cpuQuotaUs: number; cpuPeriodUs: number } {
  if (!Number.isFinite(cpus) || cpus <= 0)
    throw new InvalidArgumentError(`Invalid CPU count "${cpus}": must be a number above 0`, {
      details: { field: 'cpus' },
    });
  const cpuPeriodUs = 100_000;
  return { cpuQuotaUs: Math.round(cpus * cpuPeriodUs), cpuPeriodUs };
}

/**
 * Parses a `--cpus` value (`1.5`) into a CFS quota over the default 100 ms period.
 *
 * @throws {InvalidArgumentError} naming `flag` when the text is not a number above 0.
 */
export function parseCpus(text: string, flag: string): { cpuQuotaUs: number; cpuPeriodUs: number } {
  const cpus = /^\s*\d*\.?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(cpus > 0))
    throw new InvalidArgumentError(
      `Invalid value "${text}" for ${flag}: must be a number above 0`,
      {
        details: { field: flag },
      },
    );
  return cpusToQuota(cpus);
}

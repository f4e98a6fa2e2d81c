/**
 * Health checks, the pure part: the check's configuration with docker's defaults, and the
 * state machine (starting → healthy/unhealthy) fed with probe results. No I/O; the runner
 * (runner.ts) executes probes through the runtime.
 *
 * @module
 */
import type { HealthCheck } from '../../store/index.js';
import { InvalidArgumentError } from '../../util/errors.js';

/** Docker's health check defaults. */
export const healthDefaults = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
} as const;

/** Results kept in the health log (docker keeps 5). */
export const healthLogMaxEntries = 5;
/** Output kept per result (docker keeps 4 KiB). */
export const healthOutputMaxBytes = 4096;

/** A container's health check: the container spec's (src/store/specs.ts), defined once. */
export type HealthConfig = HealthCheck;

/** What to do when the container turns unhealthy (`--health-on-failure`). */
export type HealthOnFailure = 'none' | 'kill' | 'restart' | 'stop';

/** One probe's outcome. */
export interface HealthResult {
  /** RFC 3339. */
  start: string;
  end: string;
  /** 0 healthy, 1 unhealthy; -1 when the probe could not run or timed out. */
  exitCode: number;
  output: string;
}

/** A container's health as `inspect` shows it. */
export interface HealthState {
  status: 'starting' | 'healthy' | 'unhealthy';
  failingStreak: number;
  log: HealthResult[];
}

/** The initial state of a container with a health check. */
export function initialHealth(): HealthState {
  return { status: 'starting', failingStreak: 0, log: [] };
}

/**
 * The argv a probe runs inside the container, or undefined for `NONE` (checks disabled).
 *
 * @throws {InvalidArgumentError} for an unknown test form.
 */
export function probeArgv(test: readonly string[]): string[] | undefined {
  const [kind, ...rest] = test;
  if (kind === 'NONE') return undefined;
  if (kind === 'CMD' && rest.length > 0) return rest;
  if (kind === 'CMD-SHELL' && rest.length === 1 && rest[0] !== undefined)
    return ['/bin/sh', '-c', rest[0]];
  throw new InvalidArgumentError(
    `Invalid health check test ${JSON.stringify(test)}: use ["CMD", prog, args...], ["CMD-SHELL", command] or ["NONE"]`,
    { details: { field: 'healthcheck.test' } },
  );
}

/**
 * Feeds one probe result into the state machine (docker's rules): a success makes the container
 * healthy; a failure during the start period does not count; otherwise `retries` consecutive
 * failures make it unhealthy.
 */
export function applyHealthResult(
  state: HealthState,
  result: HealthResult,
  opts: { retries: number; inStartPeriod: boolean },
): HealthState {
  const output =
    result.output.length > healthOutputMaxBytes
      ? result.output.slice(0, healthOutputMaxBytes)
      : result.output;
  const log = [...state.log, { ...result, output }].slice(-healthLogMaxEntries);
  if (result.exitCode === 0) return { status: 'healthy', failingStreak: 0, log };
  if (opts.inStartPeriod && state.status === 'starting') return { ...state, log };
  const failingStreak = state.failingStreak + 1;
  const status = failingStreak >= Math.max(1, opts.retries) ? 'unhealthy' : state.status;
  return { status, failingStreak, log };
}

/** Delay before the next probe: the start interval while starting in the start period. */
export function nextProbeDelayMs(
  cfg: HealthConfig,
  state: HealthState,
  inStartPeriod: boolean,
): number {
  return inStartPeriod && state.status === 'starting' ? cfg.startIntervalMs : cfg.intervalMs;
}

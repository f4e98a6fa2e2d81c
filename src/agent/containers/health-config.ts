/**
 * Conversion of an image's docker-style `Healthcheck` (durations in nanoseconds) into tsorch's
 * {@link HealthConfig} with docker's defaults. Pure.
 *
 * @module
 */
import { healthDefaults, type HealthConfig } from '../health/state.js';

/** Docker's image config `Healthcheck` (durations in nanoseconds; 0 means default). */
export interface HealthcheckConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
  StartInterval?: number;
}

const nsToMs = (ns: number | undefined, dflt: number): number =>
  ns === undefined || ns <= 0 ? dflt : Math.round(ns / 1e6);

/** The health check an image declares, or undefined when it has none or disables it. */
export function healthFromImage(hc: HealthcheckConfig | undefined): HealthConfig | undefined {
  if (hc?.Test === undefined || hc.Test.length === 0 || hc.Test[0] === 'NONE') return undefined;
  return {
    test: hc.Test,
    intervalMs: nsToMs(hc.Interval, healthDefaults.intervalMs),
    timeoutMs: nsToMs(hc.Timeout, healthDefaults.timeoutMs),
    retries: hc.Retries === undefined || hc.Retries <= 0 ? healthDefaults.retries : hc.Retries,
    startPeriodMs: nsToMs(hc.StartPeriod, healthDefaults.startPeriodMs),
    startIntervalMs: nsToMs(hc.StartInterval, healthDefaults.startIntervalMs),
  };
}

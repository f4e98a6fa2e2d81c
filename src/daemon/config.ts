/**
 * The daemon's configuration: flags, environment overrides and defaults, compiled once into a
 * fully defaulted {@link DaemonConfig} (Temporal's compileWorkerOptions pattern).
 *
 * @module
 */
import { isAbsolute, join, resolve } from 'node:path';
import { parseDurationMs } from '../util/container-flags.js';
import { InvalidArgumentError } from '../util/errors.js';

/** OCI runtimes tsorch can drive. */
export const RUNTIMES = ['runc', 'crun'] as const;
/** An OCI runtime name. */
export type RuntimeName = (typeof RUNTIMES)[number];

/** Default state directory (`--root`). */
export const defaultRoot = '/var/lib/tsorch';
/** Default runtime directory (`--run`). */
export const defaultRun = '/run/tsorch';
/** File name of the local API socket inside the runtime directory. */
export const socketFileName = 'tsorch.sock';

/** Flags of `tsorch daemon`, as parsed (all optional). */
export interface DaemonFlags {
  root?: string;
  run?: string;
  runtime?: string;
  listenAddr?: string;
  advertiseAddr?: string;
  dataPathPort?: string | number;
  insecureRegistry?: string[];
  logLevel?: string;
  /** The embedded default: a single-node cluster manager on loopback from the first start. */
  singleNode?: boolean;
  /** Test seam (hidden flag): shortest node certificate life this manager issues. */
  minCertExpiry?: string;
  /** Test seam (hidden flag): shifts this node's clock for certificate checks, e.g. -2h. */
  clockOffset?: string;
}

/** The daemon's complete configuration. */
export interface DaemonConfig {
  /** Persistent state: images, containers, volumes, raft. */
  root: string;
  /** Runtime files: the socket, pid file, runtime state. Cleared by a reboot. */
  run: string;
  /** The local API's unix socket. */
  socketPath: string;
  /** Pid file guarding against two daemons sharing `run`. */
  pidFile: string;
  runtime: RuntimeName;
  /** Cluster address (next wave); empty when the node has none. */
  listenAddr: string;
  advertiseAddr: string;
  /** UDP port for VXLAN traffic. */
  dataPathPort: number;
  /** Registries reachable over plain http (loopback is always allowed). */
  insecureRegistries: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Make the node a single-node cluster manager (loopback only) unless it is in one (ADR 031). */
  singleNode: boolean;
  /**
   * Shortest node certificate life a manager of this daemon issues (default one hour, as
   * swarmkit); lowered only by tests (`--min-cert-expiry`) to see renewals in seconds.
   */
  minCertExpiryMs: number;
  /**
   * Added to this machine's clock where the node checks certificates (join, renewal): a test
   * seam (`--clock-offset`) standing for a machine whose clock is wrong. 0 in production.
   */
  clockOffsetMs: number;
}

/** Default of {@link DaemonConfig.minCertExpiryMs}: one hour. */
export const defaultMinCertExpiryMs = 3_600_000;

function signedDurationMs(text: string, flag: string): number {
  return text.startsWith('-') ? -parseDurationMs(text.slice(1), flag) : parseDurationMs(text, flag);
}

function absolute(flag: string, value: string, cwd: string): string {
  if (value.length === 0) throw new InvalidArgumentError(`Invalid value for ${flag}: empty path`);
  return isAbsolute(value) ? value : resolve(cwd, value);
}

/**
 * Compiles flags and environment (`TSORCH_ROOT`, `TSORCH_RUN`, `TSORCH_RUNTIME`) into a config.
 * Flags win over the environment, which wins over defaults.
 *
 * @throws {InvalidArgumentError} naming the flag for a bad value.
 */
export function resolveDaemonConfig(
  flags: DaemonFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): DaemonConfig {
  const root = absolute('--root', flags.root ?? env['TSORCH_ROOT'] ?? defaultRoot, cwd);
  const run = absolute('--run', flags.run ?? env['TSORCH_RUN'] ?? defaultRun, cwd);
  const runtime = flags.runtime ?? env['TSORCH_RUNTIME'] ?? 'runc';
  if (!(RUNTIMES as readonly string[]).includes(runtime)) {
    throw new InvalidArgumentError(
      `Invalid value for --runtime: "${runtime}" is not a supported runtime: use runc or crun`,
    );
  }
  const port = Number(flags.dataPathPort ?? 4789);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(
      `Invalid value for --data-path-port: "${String(flags.dataPathPort)}" is not a port number (1-65535)`,
    );
  }
  const logLevel = flags.logLevel ?? env['TSORCH_LOG_LEVEL'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new InvalidArgumentError(
      `Invalid value for --log-level: "${logLevel}": use debug, info, warn or error`,
    );
  }
  return {
    root,
    run,
    socketPath: join(run, socketFileName),
    pidFile: join(run, 'tsorch.pid'),
    runtime: runtime as RuntimeName,
    listenAddr: flags.listenAddr ?? '',
    advertiseAddr: flags.advertiseAddr ?? '',
    dataPathPort: port,
    insecureRegistries: flags.insecureRegistry ?? [],
    logLevel: logLevel as DaemonConfig['logLevel'],
    singleNode: flags.singleNode === true,
    minCertExpiryMs:
      flags.minCertExpiry === undefined
        ? defaultMinCertExpiryMs
        : parseDurationMs(flags.minCertExpiry, '--min-cert-expiry'),
    clockOffsetMs:
      flags.clockOffset === undefined ? 0 : signedDurationMs(flags.clockOffset, '--clock-offset'),
  };
}

/**
 * Turns `tsorch run` flags into the API's ContainerSpec (docker's flag semantics). Pure.
 *
 * @module
 */
import type { ContainerSpec } from '../../api/gen/tsorch/v1/ContainerSpec.js';
import {
  parseCpus,
  parseBytes,
  parseDurationMs,
  parseVolumeFlag,
} from '../../util/container-flags.js';
import { logOptionsFromFlags, parseLogOptions } from '../../util/log-options.js';
import { UsageError } from '../io.js';

/** Parsed `run` options (commander's camelCase names). */
export interface RunFlags {
  detach?: boolean;
  rm?: boolean;
  env?: string[];
  volume?: string[];
  tmpfs?: string[];
  publish?: string[];
  name?: string;
  memory?: string;
  memoryReservation?: string;
  memorySwap?: string;
  cpus?: string;
  cpuShares?: string;
  cpusetCpus?: string;
  pidsLimit?: string;
  user?: string;
  workdir?: string;
  entrypoint?: string;
  readOnly?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  privileged?: boolean;
  init?: boolean;
  hostname?: string;
  network?: string[];
  networkAlias?: string[];
  ip?: string;
  macAddress?: string;
  restart?: string;
  label?: string[];
  ulimit?: string[];
  sysctl?: string[];
  stopSignal?: string;
  stopTimeout?: string;
  healthCmd?: string;
  healthInterval?: string;
  healthTimeout?: string;
  healthRetries?: string;
  healthStartPeriod?: string;
  healthStartInterval?: string;
  noHealthcheck?: boolean;
  healthOnFailure?: string;
  logOpt?: string[];
  interactive?: boolean;
  tty?: boolean;
  detachKeys?: string;
}

function int(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n))
    throw new UsageError(`Invalid value for ${flag}: "${text}" is not an integer`);
  return n;
}

function keyValues(list: readonly string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`Invalid value for ${flag}: "${kv}" is not KEY=VALUE`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

function ms(text: string, flag: string): string {
  return String(parseDurationMs(text, flag));
}

/**
 * Builds the spec of `tsorch run [flags] image [command...]`.
 *
 * @throws {UsageError} for a malformed flag value.
 */
export function runSpec(image: string, command: readonly string[], f: RunFlags): ContainerSpec {
  const resources: NonNullable<ContainerSpec['resources']> = {};
  if (f.memory !== undefined) resources.memoryBytes = String(parseBytes(f.memory, '--memory'));
  if (f.memoryReservation !== undefined) {
    resources.memoryReservationBytes = String(
      parseBytes(f.memoryReservation, '--memory-reservation'),
    );
  }
  if (f.memorySwap !== undefined) {
    resources.memorySwapBytes =
      f.memorySwap === '-1' ? '-1' : String(parseBytes(f.memorySwap, '--memory-swap'));
  }
  if (f.cpus !== undefined) {
    const q = parseCpus(f.cpus, '--cpus');
    resources.cpuQuotaUs = String(q.cpuQuotaUs);
    resources.cpuPeriodUs = String(q.cpuPeriodUs);
  }
  if (f.cpuShares !== undefined) {
    const shares = int(f.cpuShares, '--cpu-shares') ?? 0;
    if (shares < 0)
      throw new UsageError(`Invalid value for --cpu-shares: "${f.cpuShares}" is negative`);
    resources.cpuShares = String(shares);
  }
  if (f.cpusetCpus !== undefined) resources.cpusetCpus = f.cpusetCpus;
  if (f.pidsLimit !== undefined) resources.pidsLimit = String(int(f.pidsLimit, '--pids-limit'));

  const mounts: NonNullable<ContainerSpec['mounts']> = (f.volume ?? []).map((v) => {
    const m = parseVolumeFlag(v);
    return m.type === 'bind'
      ? { type: 'bind', source: m.source, target: m.target, readonly: m.readonly }
      : { type: 'volume', source: m.name ?? '', target: m.target, readonly: m.readonly };
  });
  for (const t of f.tmpfs ?? []) {
    const [target = '', opts = ''] = t.split(':');
    const size = /(?:^|,)size=([^,]+)/.exec(opts)?.[1];
    mounts.push({
      type: 'tmpfs',
      target,
      ...(size === undefined ? {} : { tmpfsSizeBytes: String(parseBytes(size, '--tmpfs size')) }),
    });
  }

  const ulimits = (f.ulimit ?? []).map((u) => {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(u);
    if (m?.[1] === undefined || m[2] === undefined) {
      throw new UsageError(
        `Invalid value for --ulimit: "${u}": use NAME=SOFT[:HARD], e.g. nofile=1024:2048`,
      );
    }
    return { name: m[1], soft: m[2], hard: m[3] ?? m[2] };
  });

  let healthcheck: ContainerSpec['healthcheck'] = null;
  if (f.noHealthcheck === true) healthcheck = { test: ['NONE'] };
  else if (f.healthCmd !== undefined) {
    healthcheck = {
      test: ['CMD-SHELL', f.healthCmd],
      ...(f.healthInterval === undefined
        ? {}
        : { intervalMs: ms(f.healthInterval, '--health-interval') }),
      ...(f.healthTimeout === undefined
        ? {}
        : { timeoutMs: ms(f.healthTimeout, '--health-timeout') }),
      ...(f.healthRetries === undefined
        ? {}
        : { retries: int(f.healthRetries, '--health-retries') ?? 0 }),
      ...(f.healthStartPeriod === undefined
        ? {}
        : { startPeriodMs: ms(f.healthStartPeriod, '--health-start-period') }),
      ...(f.healthStartInterval === undefined
        ? {}
        : { startIntervalMs: ms(f.healthStartInterval, '--health-start-interval') }),
    };
  } else if (
    f.healthInterval !== undefined ||
    f.healthRetries !== undefined ||
    f.healthTimeout !== undefined
  ) {
    throw new UsageError(
      '--health-interval, --health-timeout and --health-retries need --health-cmd',
    );
  }

  const { networkMode, networks } = networkFlags(f);

  const logOpts = logOptionsFromFlags(f.logOpt ?? []);
  parseLogOptions(logOpts);

  return {
    image,
    name: f.name ?? '',
    cmd: [...command],
    ...(f.entrypoint === undefined
      ? {}
      : { entrypoint: f.entrypoint === '' ? [] : [f.entrypoint], hasEntrypoint: true }),
    env: f.env ?? [],
    workingDir: f.workdir ?? '',
    user: f.user ?? '',
    hostname: f.hostname ?? '',
    mounts,
    publish: f.publish ?? [],
    networkMode,
    networks,
    resources,
    readOnly: f.readOnly === true,
    capAdd: f.capAdd ?? [],
    capDrop: f.capDrop ?? [],
    privileged: f.privileged === true,
    init: f.init === true,
    ulimits,
    sysctls: keyValues(f.sysctl, '--sysctl'),
    labels: keyValues(f.label, '--label'),
    restartPolicy: f.restart ?? 'no',
    autoRemove: f.rm === true,
    healthcheck,
    healthOnFailure: f.healthOnFailure ?? 'none',
    stopSignal: f.stopSignal ?? '',
    stopTimeoutS: f.stopTimeout === undefined ? -1 : (int(f.stopTimeout, '--stop-timeout') ?? -1),
    logOpts,
    tty: f.tty === true,
    openStdin: f.interactive === true,
  };
}

/**
 * `--network` (repeatable), `--network-alias`, `--ip` and `--mac-address`: the network mode and
 * the networks to join; the settings apply to the first network (docker).
 *
 * @throws {UsageError} for `none` or `host` beside other networks, or settings they cannot take.
 */
export function networkFlags(f: RunFlags): {
  networkMode: string;
  networks: { network: string; aliases: string[]; ipv4Address: string; macAddress: string }[];
} {
  const names = f.network ?? [];
  const first = names[0] ?? '';
  const special = names.find((n) => n === 'none' || n === 'host');
  if (special !== undefined && names.length > 1) {
    throw new UsageError(
      `Invalid value for --network: "${special}" cannot be combined with other networks`,
    );
  }
  const settings =
    (f.networkAlias ?? []).length > 0 || f.ip !== undefined || f.macAddress !== undefined;
  if (special !== undefined && settings) {
    throw new UsageError(
      `Invalid use of --network-alias, --ip or --mac-address: the "${special}" network takes none`,
    );
  }
  if (special !== undefined || (names.length <= 1 && !settings)) {
    return { networkMode: first, networks: [] };
  }
  const networks = (names.length === 0 ? ['bridge'] : names).map((network, i) => ({
    network,
    aliases: i === 0 ? (f.networkAlias ?? []) : [],
    ipv4Address: i === 0 ? (f.ip ?? '') : '',
    macAddress: i === 0 ? (f.macAddress ?? '') : '',
  }));
  return { networkMode: networks[0]?.network ?? '', networks };
}

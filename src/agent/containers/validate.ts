/**
 * Checks of a container request made at create, before anything is stored: sizes of the
 * untrusted fields (`util/limits.ts`), names, NUL bytes, mount paths and the stop signal. The
 * runtime-level checks (capabilities, sysctls, resources against the host) run on a config built
 * with placeholders ({@link placeholderConfig}), so a request that cannot start is refused at
 * create rather than left as an unusable record. Pure.
 *
 * @module
 */
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { parseLogOptions } from '../../util/log-options.js';
import {
  containerArgsMaxBytes,
  containerEnvMaxBytes,
  containerLabelsMaxBytes,
  containerMountsMax,
  containerNameMaxChars,
  formatBytesIec,
} from '../../util/limits.js';
import type { ContainerConfig, ContainerMount } from '../runtime/config.js';
import { validateVolumeName } from '../volumes/store.js';
import { runtimeConfig } from './prepare.js';
import type { ContainerRecord, LocalContainerSpec, MountSpec } from './types.js';

function invalid(field: string, message: string, hint?: string): InvalidArgumentError {
  return new InvalidArgumentError(
    message,
    hint === undefined ? { details: { field } } : { details: { field }, hint },
  );
}

/** Signal names Linux knows, without `SIG` (signal(7)). */
const signalNames = new Set(
  (
    'HUP INT QUIT ILL TRAP ABRT IOT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD ' +
    'CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO POLL PWR SYS RTMIN RTMAX'
  ).split(' '),
);

/** Whether `signal` names a Linux signal: `SIGTERM`, `term`, `15`, `SIGRTMIN+3`. */
export function isKnownSignal(signal: string): boolean {
  if (/^\d+$/.test(signal)) return Number(signal) >= 1 && Number(signal) <= 64;
  const name = signal.toUpperCase().replace(/^SIG/, '');
  const rt = /^RTM(IN\+|AX-)(\d+)$/.exec(name);
  if (rt?.[2] !== undefined) return Number(rt[2]) <= 30;
  return signalNames.has(name);
}

function byteLength(list: readonly string[]): number {
  return list.reduce((n, s) => n + Buffer.byteLength(s) + 1, 0);
}

function checkStrings(list: readonly string[], field: string, maxBytes: number): void {
  const bytes = byteLength(list);
  if (bytes > maxBytes)
    throw invalid(
      field,
      `Invalid ${field}: ${formatBytesIec(bytes)} is more than the ${formatBytesIec(maxBytes)} allowed`,
    );
  const i = list.findIndex((s) => s.includes('\0'));
  if (i >= 0) throw invalid(`${field}[${i}]`, `Invalid ${field}[${i}]: it contains a NUL byte`);
}

function checkContainerPath(path: string, field: string): void {
  if (!path.startsWith('/') || path.split('/').includes('..') || path.includes('\0'))
    throw invalid(field, `Invalid path "${path}" in ${field}: must be absolute, without ".."`);
}

function checkMount(m: MountSpec, i: number): void {
  const field = `mounts[${i}]`;
  checkContainerPath(m.target, `${field}.target`);
  if (m.target.replace(/\/+$/, '') === '')
    throw invalid(
      `${field}.target`,
      `Invalid mount target "${m.target}": a volume cannot be mounted over the root filesystem "/"`,
    );
  if (m.type === 'bind') checkContainerPath(m.source, `${field}.source`);
  if (m.type === 'volume' && m.name !== undefined) validateVolumeName(m.name);
}

/**
 * Checks what the user asked for, without the image: sizes, names, paths, the stop signal.
 *
 * @throws {InvalidArgumentError} naming the field (`details.field`).
 */
export function checkContainerSpec(spec: LocalContainerSpec): void {
  if (spec.name !== undefined && spec.name.length > containerNameMaxChars)
    throw invalid(
      'name',
      `Invalid container name: ${spec.name.length} characters is more than the ${containerNameMaxChars} allowed`,
    );
  checkStrings(spec.env, 'env', containerEnvMaxBytes);
  checkStrings([...(spec.entrypoint ?? []), ...spec.cmd], 'cmd', containerArgsMaxBytes);
  checkStrings(Object.entries(spec.labels).flat(), 'labels', containerLabelsMaxBytes);
  if (spec.mounts.length > containerMountsMax)
    throw invalid('mounts', `Invalid mounts: more than ${containerMountsMax}`);
  spec.mounts.forEach(checkMount);
  for (const [field, value] of [
    ['workingDir', spec.workingDir],
    ['user', spec.user],
    ['hostname', spec.hostname],
  ] as const) {
    if (value?.includes('\0') === true)
      throw invalid(field, `Invalid ${field}: it contains a NUL byte`);
  }
  if (spec.workingDir !== undefined) checkContainerPath(spec.workingDir, 'workingDir');
  if (spec.logOpts !== undefined) parseLogOptions(spec.logOpts);
  if (spec.stopSignal !== undefined && !isKnownSignal(spec.stopSignal))
    throw invalid(
      'stopSignal',
      `Invalid stop signal "${spec.stopSignal}": not a Linux signal`,
      'Use a name such as SIGTERM or SIGQUIT, or a number from 1 to 64',
    );
}

/**
 * The runtime config `rec` would start with, with placeholder paths and user, so that the
 * spec builder's checks (capabilities, sysctls, ulimits, resources against the host, mounts)
 * run at create.
 */
export function placeholderConfig(rec: ContainerRecord, cgroupParent: string): ContainerConfig {
  const mounts: ContainerMount[] = rec.spec.mounts.map((m) =>
    m.type === 'tmpfs'
      ? {
          type: 'tmpfs',
          target: m.target,
          ...(m.sizeBytes === undefined ? {} : { tmpfsSizeBytes: m.sizeBytes }),
        }
      : {
          type: m.type,
          source: m.type === 'bind' ? m.source : '/volume',
          target: m.target,
          readonly: m.readonly,
        },
  );
  return runtimeConfig(rec, {
    rootfsPath: '/rootfs',
    user: undefined,
    mounts,
    etcFiles: { hosts: '/hosts', hostname: '/hostname', resolvConf: '/resolv.conf' },
    cgroupParent,
  });
}

/**
 * `err` as CONTAINER_NO_SPACE when a file system was full (ENOSPC, EDQUOT), with `action`
 * (`Cannot create container "web"`) and the path; any other error unchanged.
 */
export function noSpaceError(err: unknown, action: string): unknown {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e?.code !== 'ENOSPC' && e?.code !== 'EDQUOT') return err;
  const where = e.path === undefined ? '' : ` (writing "${e.path}")`;
  return new TsorchError('CONTAINER_NO_SPACE', `${action}: no space left on device${where}`, {
    cause: err,
    hint: "Free disk space under the daemon's --root, or remove unused images and volumes",
  });
}

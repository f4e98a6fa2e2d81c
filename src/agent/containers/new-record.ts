/**
 * A new container's record from the user's request and the image's config (docker's rules for
 * command, environment, working directory, user, stop signal, health check and image-declared
 * volumes). Pure: the id, name and time are given.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';
import { containerStopTimeoutDefaultS } from '../../util/limits.js';
import { parseLogOptions, type LogRotation } from '../../util/log-options.js';
import type { LifecyclePolicy } from '../task-controller.js';
import { healthFromImage } from './health-config.js';
import type { ImageRef } from './image-port.js';
import { mergeEnv, resolveArgs } from './spec.js';
import type { ContainerRecord, LocalContainerSpec, MountSpec } from './types.js';

const defaultPath = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Checks a requested container name (docker's rule).
 *
 * @throws {InvalidArgumentError} naming the field `name`.
 */
export function checkContainerName(name: string | undefined): void {
  if (name === undefined || name === '' || /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return;
  throw new InvalidArgumentError(
    `Invalid container name "${name}": use letters, digits, "_", "." and "-"`,
    { details: { field: 'name' } },
  );
}

/** The requested mounts plus an anonymous volume for each image volume the user left alone. */
function withImageVolumes(mounts: readonly MountSpec[], image: ImageRef): MountSpec[] {
  const out = [...mounts];
  for (const target of Object.keys(image.config.Volumes ?? {})) {
    if (!out.some((m) => m.target === target)) {
      out.push({ type: 'volume', name: undefined, target, readonly: false });
    }
  }
  return out;
}

/**
 * Refuses the parts of a container spec this node does not honour yet, so that none is dropped
 * silently: secrets, configs and DNS settings come with the cluster's tasks and networks.
 *
 * @throws {InvalidArgumentError} naming the field.
 */
function refuseUnhonoured(spec: LocalContainerSpec): void {
  const unhonoured = [
    ['secrets', (spec.secrets?.length ?? 0) > 0],
    ['configs', (spec.configs?.length ?? 0) > 0],
    ['dns', spec.dns !== undefined],
  ] as const;
  for (const [field, present] of unhonoured) {
    if (present) {
      throw new InvalidArgumentError(
        `Cannot create the container: "${field}" is not supported on this node yet`,
        { details: { field } },
      );
    }
  }
}

/**
 * The record of a new container. Its anonymous volumes have no name yet and `volumes` and
 * `anonymousVolumes` are empty: provisioning fills them.
 *
 * @throws {InvalidArgumentError} when no command results, for a bad environment variable, or
 *   for secrets, configs or DNS settings (not honoured by this node yet).
 */
export function newRecord(
  spec: LocalContainerSpec,
  o: { id: string; name: string; image: ImageRef; now: string },
): ContainerRecord {
  refuseUnhonoured(spec);
  const cfg = o.image.config;
  const args = resolveArgs(cfg, { entrypoint: spec.entrypoint, cmd: spec.cmd });
  const healthcheck =
    spec.healthcheck !== undefined
      ? spec.healthcheck.test[0] === 'NONE'
        ? undefined
        : spec.healthcheck
      : healthFromImage(cfg.Healthcheck);
  return {
    id: o.id,
    name: o.name,
    created: o.now,
    spec: { ...spec, mounts: withImageVolumes(spec.mounts, o.image).map((m) => ({ ...m })) },
    image: spec.image,
    imageId: o.image.id,
    args,
    env: mergeEnv(cfg.Env ?? [defaultPath], spec.env),
    workingDir:
      spec.workingDir ??
      (cfg.WorkingDir !== undefined && cfg.WorkingDir !== '' ? cfg.WorkingDir : '/'),
    user: spec.user ?? cfg.User ?? '',
    hostname: spec.hostname ?? o.id.slice(0, 12),
    ...(healthcheck === undefined ? {} : { healthcheck }),
    stopSignal: spec.stopSignal ?? cfg.StopSignal ?? 'SIGTERM',
    volumes: [],
    anonymousVolumes: [],
    state: {
      status: 'created',
      pid: 0,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: '',
      finishedAt: '',
      restartCount: 0,
      stoppedByUser: false,
    },
  };
}

/** What the task controller follows for container `rec`. */
export function lifecyclePolicy(rec: ContainerRecord): LifecyclePolicy {
  return {
    restartPolicy: rec.spec.restartPolicy,
    autoRemove: rec.spec.autoRemove,
    healthOnFailure: rec.spec.healthOnFailure,
    hasHealthcheck: rec.healthcheck !== undefined,
    stopSignal: rec.stopSignal,
    stopTimeoutS: rec.spec.stopTimeoutS ?? containerStopTimeoutDefaultS,
  };
}

/** How the container's log rotates: its `--log-opt` values over tsorch's defaults. */
export function logRotationOf(rec: Pick<ContainerRecord, 'spec'>): LogRotation {
  return parseLogOptions(rec.spec.logOpts ?? {});
}

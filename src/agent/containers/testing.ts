/**
 * Builders for tests (not exported from the module's index).
 *
 * @module
 */
import type { LocalContainerSpec } from './types.js';

/** A container spec with Docker's defaults for every flag, running `cmd` in `busybox:test`. */
export function localContainerSpec(
  over: Partial<LocalContainerSpec> & { cmd: string[] },
): LocalContainerSpec {
  return {
    image: 'busybox:test',
    env: [],
    mounts: [],
    publish: [],
    networkMode: 'none',
    resources: {},
    readOnly: false,
    capAdd: [],
    capDrop: [],
    privileged: false,
    init: false,
    ulimits: [],
    sysctls: {},
    labels: {},
    restartPolicy: { name: 'no', maxRetries: 0 },
    autoRemove: false,
    healthOnFailure: 'none',
    ...over,
  };
}

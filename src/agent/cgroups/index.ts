/**
 * cgroups: layout detection (v1, hybrid, v2) and drivers that read a container's limits,
 * usage, OOM kills and freezer state. The OCI runtime creates the cgroup and writes the limits
 * from the spec's linux.resources and linux.cgroupsPath; these drivers only read.
 *
 * @module
 */
import type { CgroupDriver } from './driver.js';
import { detectCgroupLayout, type CgroupLayout } from './layout.js';
import { createV1Driver } from './v1.js';
import { createV2Driver } from './v2.js';

export type { CgroupDriver, CgroupLimits, CgroupStats, FreezerState } from './driver.js';
export {
  classifyCgroupMounts,
  detectCgroupLayout,
  parseCgroupMounts,
  type CgroupLayout,
  type CgroupMode,
  type CgroupMount,
} from './layout.js';
export { createV1Driver } from './v1.js';
export {
  createV2Driver,
  sharesToWeight,
  weightToShares,
  blkioToIoWeight,
  ioWeightToBlkio,
} from './v2.js';

/** Picks the driver for `layout`: v1 for v1 and hybrid hosts, v2 for unified ones. */
export function createCgroupDriver(layout: CgroupLayout): CgroupDriver {
  return layout.mode === 'v2' ? createV2Driver(layout) : createV1Driver(layout);
}

/** Detects this host's layout and opens its driver. */
export async function openCgroupDriver(): Promise<CgroupDriver> {
  return createCgroupDriver(await detectCgroupLayout());
}

/**
 * Writes OCI bundles: a directory holding config.json (the rootfs path inside it is absolute,
 * so the rootfs may live elsewhere, e.g. an overlay mount owned by the image store).
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { OciSpec } from './oci-types.js';

/**
 * Writes `spec` as `<dir>/config.json` (mode 0600; atomically: temp file, rename), creating
 * `dir` (mode 0700) if needed. No fsync: the bundle is written anew at every start (it sits on
 * the start path, where an fsync costs milliseconds on a busy disk), and a container does not
 * outlive a power loss that could tear it.
 */
export async function writeBundle(dir: string, spec: OciSpec): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const target = join(dir, 'config.json');
  const tmp = `${target}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(spec), { mode: 0o600 });
  await fs.rename(tmp, target);
}

/** Reads back `<dir>/config.json`. */
export async function readBundle(dir: string): Promise<OciSpec> {
  return JSON.parse(await fs.readFile(join(dir, 'config.json'), 'utf8')) as OciSpec;
}

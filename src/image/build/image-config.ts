/**
 * The OCI image configuration a build produces (OCI image-spec config.md, with Docker's
 * `Healthcheck`, `Shell` and `OnBuild` extensions).
 *
 * @module
 */

/** Docker's healthcheck extension; durations in nanoseconds. */
export interface ImageHealthcheck {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

/** The `config` object: how to run a container of the image. */
export interface ImageRunConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  Healthcheck?: ImageHealthcheck;
  Shell?: string[];
}

/** One history entry. */
export interface ImageHistory {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** A whole OCI image config. */
export interface OciImageConfig {
  created?: string;
  architecture: string;
  os: string;
  config: ImageRunConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history: ImageHistory[];
}

/** The default PATH of a build step when the image sets none (as Docker). */
export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Maps Node's `process.arch` to the OCI/Go architecture name. */
export function ociArchitecture(nodeArch: string): string {
  const map: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x',
  };
  return map[nodeArch] ?? nodeArch;
}

/** An empty image (FROM scratch). */
export function scratchConfig(arch: string): OciImageConfig {
  return {
    architecture: arch,
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [] },
    history: [],
  };
}

/** Reads `KEY` from an `Env` list. */
export function envLookup(env: readonly string[] | undefined, key: string): string | undefined {
  for (let i = (env?.length ?? 0) - 1; i >= 0; i--) {
    const e = env?.[i] ?? '';
    if (e.startsWith(`${key}=`)) return e.slice(key.length + 1);
  }
  return undefined;
}

/** Returns `env` with `key` set to `value` (replacing an earlier value in place). */
export function envSet(env: readonly string[] | undefined, key: string, value: string): string[] {
  const out = [...(env ?? [])];
  const idx = out.findIndex((e) => e.startsWith(`${key}=`));
  if (idx >= 0) out[idx] = `${key}=${value}`;
  else out.push(`${key}=${value}`);
  return out;
}

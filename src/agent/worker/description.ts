/**
 * What a node tells the dispatcher about itself when it opens a session: host name, platform
 * (in OCI terms), CPUs and memory, and its OCI runtime.
 *
 * @module
 */
import { arch, availableParallelism, hostname, platform, totalmem } from 'node:os';
import type { NodeDescription } from '../../store/index.js';
import type { RuntimeName } from '../runtime/index.js';

/** Node's architecture names → OCI's (image-spec: config.architecture). */
const ociArch: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** This host's description, for a worker running containers with `runtime`. */
export function hostDescription(
  runtime: RuntimeName,
  labels: Record<string, string> = {},
): NodeDescription {
  return {
    hostname: hostname(),
    platform: { os: platform(), architecture: ociArch[arch()] ?? arch() },
    resources: { nanoCpus: availableParallelism() * 1_000_000_000, memoryBytes: totalmem() },
    engine: { runtime, version: '', labels },
  };
}

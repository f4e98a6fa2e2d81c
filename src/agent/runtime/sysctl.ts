/**
 * Sysctl validation: only sysctls namespaced by the container's own namespaces may be set
 * (Docker's rule), and `net.*` only when the container has its own network namespace. Pure.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';

/** IPC-namespaced sysctls (exact names). */
const ipcExact = new Set([
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
]);

/** UTS-namespaced sysctls: hostname and domain name are set through the spec instead. */
const utsExact = new Set(['kernel.domainname']);

/**
 * Checks each sysctl and returns them unchanged when all are namespaced.
 *
 * @param opts.sharedNetns true when the container joins an existing network namespace it does
 *   not own (then `net.*` would change someone else's): refused.
 * @throws {InvalidArgumentError} naming the first sysctl that is not namespaced.
 */
export function validateSysctls(
  sysctls: Readonly<Record<string, string>>,
  opts: { sharedNetns?: boolean } = {},
): Record<string, string> {
  for (const key of Object.keys(sysctls)) {
    const ipc = ipcExact.has(key) || key.startsWith('fs.mqueue.');
    const net = key.startsWith('net.');
    if (ipc || utsExact.has(key) || (net && opts.sharedNetns !== true)) continue;
    throw new InvalidArgumentError(
      net
        ? `Cannot set sysctl "${key}": the container shares a network namespace`
        : `Cannot set sysctl "${key}": it is not namespaced and would change the host`,
      {
        details: { field: `sysctls.${key}` },
        hint: 'Allowed: kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.* (own network namespace)',
      },
    );
  }
  return { ...sysctls };
}

/**
 * Builds the `process` of an exec (`runc exec --process`) from the container's spec: same
 * capabilities, rlimits and no-new-privileges as the container's init; the caller may change
 * args, env, cwd, user and terminal. Pure.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';
import type { ContainerUser } from './config.js';
import type { OciProcess, OciSpec } from './oci-types.js';

/** What an exec may override. */
export interface ExecOverrides {
  args: string[];
  /** Appended to (and overriding) the container's environment. */
  env?: string[];
  cwd?: string;
  user?: ContainerUser;
  tty?: boolean;
}

/**
 * Returns the OCI process for an exec in the container described by `spec`.
 *
 * @throws {InvalidArgumentError} when `args` is empty.
 */
export function execProcess(spec: OciSpec, o: ExecOverrides): OciProcess {
  if (o.args.length === 0 || o.args[0] === '')
    throw new InvalidArgumentError('No command to exec', { details: { field: 'args' } });
  const env = new Map<string, string>();
  for (const e of [...spec.process.env, ...(o.env ?? [])]) {
    const i = e.indexOf('=');
    if (i > 0) env.set(e.slice(0, i), e);
  }
  const base = spec.process;
  const user = o.user ?? base.user;
  const out: OciProcess = {
    terminal: o.tty === true,
    user: { uid: user.uid, gid: user.gid, additionalGids: [...(user.additionalGids ?? [])] },
    args: [...o.args],
    env: [...env.values()],
    cwd: o.cwd ?? base.cwd,
    noNewPrivileges: base.noNewPrivileges ?? true,
  };
  if (base.capabilities !== undefined) out.capabilities = base.capabilities;
  if (base.rlimits !== undefined) out.rlimits = base.rlimits;
  return out;
}

/**
 * A task's secrets and configs → the files its container gets, pure. The payloads come from
 * the objects the dispatcher sent with the task (docs/adr/020); where they are written and how
 * they are mounted is the worker's (src/agent/worker/files.ts, docs/adr/033).
 *
 * Targets follow Swarm: a relative target (or none: the reference's name) is under
 * `/run/secrets/` for a secret and under `/` for a config; owners are numeric ids.
 *
 * @module
 */
import type { FileReference, Task } from '../store/index.js';

/** One file of a task's container. */
export interface TaskFile {
  kind: 'secret' | 'config';
  /** The reference's name (for messages; never the payload). */
  name: string;
  /** Absolute path in the container. */
  target: string;
  data: Uint8Array;
  uid: number;
  gid: number;
  /** Permission bits (0o7777 at most). */
  mode: number;
}

/** Finds the payload of a secret or config the node was given. */
export type TaskFileLookup = (
  kind: 'secret' | 'config',
  id: string,
) => { spec: { data: Uint8Array } } | undefined;

/** The result of {@link taskFiles}: the files, or why the task cannot have them. */
export type TaskFilesResult = { files: TaskFile[] } | { error: string };

const baseDirs = { secret: '/run/secrets', config: '' } as const;

function numericId(value: string): number | undefined {
  if (value === '') return 0;
  if (!/^[0-9]{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 0xffff_ffff ? n : undefined;
}

/** The absolute target of `ref`, or undefined when it leaves its directory or names none. */
function targetOf(kind: 'secret' | 'config', ref: FileReference): string | undefined {
  const given = ref.target === '' ? ref.name : ref.target;
  const full = given.startsWith('/') ? given : `${baseDirs[kind]}/${given}`;
  const parts = full.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return `/${parts.join('/')}`;
}

function fileOf(
  kind: 'secret' | 'config',
  ref: FileReference,
  lookup: TaskFileLookup,
): TaskFile | string {
  const what = `${kind} "${ref.name}"`;
  const object = lookup(kind, ref.id);
  if (object === undefined) return `${what} (${ref.id}) was not sent to this node`;
  const target = targetOf(kind, ref);
  if (target === undefined) return `${what}: invalid target "${ref.target}"`;
  const uid = numericId(ref.uid);
  if (uid === undefined) return `${what}: uid "${ref.uid}" is not a numeric user id`;
  const gid = numericId(ref.gid);
  if (gid === undefined) return `${what}: gid "${ref.gid}" is not a numeric group id`;
  if (!Number.isInteger(ref.mode) || ref.mode < 0 || ref.mode > 0o7777)
    return `${what}: mode ${ref.mode} is not a permission mode (0 to 07777)`;
  return { kind, name: ref.name, target, data: object.spec.data, uid, gid, mode: ref.mode };
}

/**
 * The files of `task`'s secrets and configs, in order (secrets first), or the first reason it
 * cannot have them: a payload the node was not given, a target outside its directory, a
 * non-numeric owner, two files at one target.
 */
export function taskFiles(task: Task, lookup: TaskFileLookup): TaskFilesResult {
  const c = task.spec.container;
  const refs = [
    ...(c.secrets ?? []).map((r) => ['secret', r] as const),
    ...(c.configs ?? []).map((r) => ['config', r] as const),
  ];
  const files: TaskFile[] = [];
  const targets = new Set<string>();
  for (const [kind, ref] of refs) {
    const f = fileOf(kind, ref, lookup);
    if (typeof f === 'string') return { error: f };
    if (targets.has(f.target))
      return { error: `${kind} "${ref.name}": another secret or config has target "${f.target}"` };
    targets.add(f.target);
    files.push(f);
  }
  return { files };
}

/** True when `task` has secrets or configs to deliver. */
export function hasTaskFiles(task: Task): boolean {
  const c = task.spec.container;
  return (c.secrets?.length ?? 0) + (c.configs?.length ?? 0) > 0;
}

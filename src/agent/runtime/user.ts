/**
 * Resolves Docker's `--user` strings (`name`, `uid`, `name:group`, `uid:gid`, ...) against the
 * image's /etc/passwd and /etc/group, given as file contents. Pure.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';
import type { ContainerUser } from './config.js';

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const maxId = 2 ** 32 - 2;

function parseId(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= maxId ? n : undefined;
}

/** Parses /etc/passwd content; malformed lines are skipped (as libc does). */
export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (line.startsWith('#') || f.length < 4) continue;
    const uid = parseId(f[2] ?? '');
    const gid = parseId(f[3] ?? '');
    if (f[0] === undefined || f[0] === '' || uid === undefined || gid === undefined) continue;
    out.push({ name: f[0], uid, gid });
  }
  return out;
}

/** Parses /etc/group content; malformed lines are skipped. */
export function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (line.startsWith('#') || f.length < 3) continue;
    const gid = parseId(f[2] ?? '');
    if (f[0] === undefined || f[0] === '' || gid === undefined) continue;
    const members = (f[3] ?? '').split(',').filter((m) => m !== '');
    out.push({ name: f[0], gid, members });
  }
  return out;
}

function notFound(what: string, name: string, file: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `Cannot resolve ${what} "${name}": no matching entry in the image's ${file}`,
    { details: { field: 'user' }, hint: 'Use a numeric id, or add the entry to the image' },
  );
}

/**
 * Resolves `spec` (`""` means root) into numeric ids. A named user takes its primary group
 * from passwd and its supplementary groups from the groups listing it as a member; an explicit
 * group replaces the primary group. Unknown numeric ids are allowed (gid 0 when no group is
 * given), as Docker does; unknown names are errors.
 *
 * @param files contents of the image's /etc/passwd and /etc/group; absent files mean empty.
 * @throws {InvalidArgumentError} for an unknown name or a malformed spec.
 */
export function resolveUser(
  spec: string,
  files: { passwd?: string | undefined; group?: string | undefined } = {},
): ContainerUser {
  const trimmed = spec.trim();
  const [userPart = '', groupPart, extra] = trimmed === '' ? ['0'] : trimmed.split(':');
  if (extra !== undefined || userPart === '' || groupPart === '')
    throw new InvalidArgumentError(`Invalid user "${spec}": expected user[:group]`, {
      details: { field: 'user' },
    });
  const passwd = parsePasswd(files.passwd ?? '');
  const groups = parseGroup(files.group ?? '');

  const numericUid = parseId(userPart);
  const entry = passwd.find((p) =>
    numericUid === undefined ? p.name === userPart : p.uid === numericUid,
  );
  if (entry === undefined && numericUid === undefined)
    throw notFound('user', userPart, '/etc/passwd');
  const uid = entry?.uid ?? numericUid ?? 0;
  let gid = entry?.gid ?? 0;

  if (groupPart !== undefined) {
    const numericGid = parseId(groupPart);
    const g = groups.find((x) =>
      numericGid === undefined ? x.name === groupPart : x.gid === numericGid,
    );
    if (g === undefined && numericGid === undefined)
      throw notFound('group', groupPart, '/etc/group');
    gid = g?.gid ?? numericGid ?? 0;
  }
  const additionalGids =
    entry === undefined
      ? []
      : groups.filter((g) => g.members.includes(entry.name) && g.gid !== gid).map((g) => g.gid);
  return { uid, gid, additionalGids: [...new Set(additionalGids)] };
}

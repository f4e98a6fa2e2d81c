/**
 * Container records on disk: `<root>/containers/<id>/container.json`, written atomically
 * (tmp + rename) so a daemon killed mid-write never leaves a torn record. There is no fsync on
 * the start/exit path (each costs tens of ms on a busy disk): after a power loss the record may
 * be one state behind, and re-adoption reconciles it with the shim's files anyway.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ContainerRecord } from './types.js';

const recordFile = 'container.json';

/** Where one container's files live. */
export function containerDir(root: string, id: string): string {
  return join(root, 'containers', id);
}

/** Writes `rec` atomically. */
export async function saveRecord(root: string, rec: ContainerRecord): Promise<void> {
  const dir = containerDir(root, rec.id);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${recordFile}.tmp`);
  await fs.writeFile(tmp, JSON.stringify(rec, null, 2), { mode: 0o600 });
  await fs.rename(tmp, join(dir, recordFile));
}

/** Reads every stored record; unreadable ones are reported through `onError` and skipped. */
export async function loadRecords(
  root: string,
  onError: (id: string, err: unknown) => void,
): Promise<ContainerRecord[]> {
  const base = join(root, 'containers');
  let ids: string[];
  try {
    ids = await fs.readdir(base);
  } catch {
    return [];
  }
  const out: ContainerRecord[] = [];
  for (const id of ids.sort()) {
    try {
      out.push(
        JSON.parse(await fs.readFile(join(base, id, recordFile), 'utf8')) as ContainerRecord,
      );
    } catch (err) {
      onError(id, err);
    }
  }
  return out;
}

/**
 * The container records of one daemon, in memory and on disk: lookups by id, id prefix or name;
 * name reservations for creates under way; the per-container lock that serializes lifecycle
 * work; queued record writes; waiters for exits; and the removals under way with the exit
 * results (tombstones) of removed containers.
 *
 * @module
 */
import {
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  TsorchError,
} from '../../util/errors.js';
import { KeyedMutex } from '../../util/keyed-mutex.js';
import { containerRemovalSettleMs } from '../../util/limits.js';
import { isRunning } from '../task-controller.js';
import { randomName } from './names.js';
import { loadRecords, saveRecord } from './persist.js';
import type { ContainerRecord } from './types.js';

/** What `wait` answers. */
export interface ExitResult {
  exitCode: number;
  oomKilled: boolean;
}

/** Removed containers whose exit result `wait` still answers. */
const tombstoneMaxCount = 1000;

/** Resolves when `p` settles or after `ms`, whichever comes first. */
export async function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** One daemon's container records. */
export class RecordStore {
  private readonly records = new Map<string, ContainerRecord>();
  /** Names of creates under way, taken from the name check until the record is stored. */
  private readonly reservedNames = new Set<string>();
  private readonly waiters = new Map<string, (() => void)[]>();
  /** Exit results of removed containers, so a `wait` racing `--rm` still gets its answer. */
  private readonly tombstones = new Map<string, ExitResult>();
  /** Removed containers whose files are still being deleted: their image, and the deletion. */
  private readonly removing = new Map<string, { imageId: string; deleted: Promise<void> }>();
  /** Writes of one record run one after another (they share a temporary file). */
  private readonly writes = new KeyedMutex();
  /** Lifecycle work of one container (start, exit processing, pause, deletion) runs in turn. */
  readonly lock = new KeyedMutex();

  constructor(private readonly root: string) {}

  /** Loads the stored records; unreadable ones are reported through `onError` and skipped. */
  async load(onError: (id: string, err: unknown) => void): Promise<ContainerRecord[]> {
    const recs = await loadRecords(this.root, onError);
    for (const rec of recs) this.records.set(rec.id, rec);
    return recs;
  }

  /** Every container, newest first. */
  list(): ContainerRecord[] {
    return [...this.records.values()].sort((a, b) => b.created.localeCompare(a.created));
  }

  /** The container of id `id`, if the API still shows it. */
  find(id: string): ContainerRecord | undefined {
    return this.records.get(id);
  }

  /**
   * Finds a container by full id, unique id prefix or name.
   *
   * @throws {NotFoundError} CONTAINER_NOT_FOUND
   * @throws {InvalidArgumentError} for a prefix several ids share.
   */
  get(ref: string): ContainerRecord {
    const byId = this.records.get(ref);
    if (byId !== undefined) return byId;
    const name = ref.startsWith('/') ? ref.slice(1) : ref;
    for (const r of this.records.values()) if (r.name === name) return r;
    const matches =
      ref.length >= 1 ? [...this.records.values()].filter((r) => r.id.startsWith(ref)) : [];
    if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    if (matches.length > 1) {
      throw new InvalidArgumentError(
        `Ambiguous container id prefix "${ref}": ${matches.length} containers match`,
      );
    }
    throw new NotFoundError(`No such container: "${ref}"`, { code: 'CONTAINER_NOT_FOUND' });
  }

  /** Names of the containers using volume `name`. */
  volumeUsers(name: string): string[] {
    return [...this.records.values()].filter((r) => r.volumes.includes(name)).map((r) => r.name);
  }

  /** Ids of the containers created from image `imageId`. */
  imageUsers(imageId: string): string[] {
    return [...this.records.values()].filter((r) => r.imageId === imageId).map((r) => r.id);
  }

  /**
   * Takes `requested` for a create under way, or a free random name when none is requested.
   * Synchronous, so two creates of one name cannot both pass the check; give the name back
   * with {@link releaseName} once the record is stored or the create failed.
   *
   * @throws {ConflictError} ALREADY_EXISTS when a container or a create under way has the name.
   */
  reserveName(requested: string | undefined): string {
    const taken = (n: string): boolean =>
      this.reservedNames.has(n) || [...this.records.values()].some((r) => r.name === n);
    let name = requested ?? '';
    if (name !== '' && taken(name)) {
      throw new ConflictError(`The container name "${name}" is already in use`, {
        code: 'ALREADY_EXISTS',
        hint: 'remove that container (tsorch rm) or choose another --name',
      });
    }
    for (let i = 0; name === '' || taken(name); i += 1) name = randomName(i);
    this.reservedNames.add(name);
    return name;
  }

  /** Ends a reservation of {@link reserveName}. */
  releaseName(name: string): void {
    this.reservedNames.delete(name);
  }

  /** Adds a new container's record (not yet written). */
  insert(rec: ContainerRecord): void {
    this.records.set(rec.id, rec);
  }

  /** Drops the record of a create that failed. */
  discard(id: string): void {
    this.records.delete(id);
  }

  /**
   * Writes the record. Writes of one record are queued, each writes the state as it is when
   * its turn comes, and a record whose files were deleted is not written again.
   */
  save(rec: ContainerRecord): Promise<void> {
    const { id } = rec;
    return this.writes.run(id, async () => {
      if (this.records.get(id) === rec || this.removing.has(id)) await saveRecord(this.root, rec);
    });
  }

  /** Resolves once the writes of `id` queued so far are done. */
  async flushed(id: string): Promise<void> {
    await this.writes.run(id, () => Promise.resolve());
  }

  /** Wakes the callers of {@link wait} on `id`. */
  notify(id: string): void {
    const list = this.waiters.get(id) ?? [];
    this.waiters.delete(id);
    for (const fn of list) fn();
  }

  /**
   * Waits until the container is not running (or restarting) and returns its exit code.
   *
   * @throws {NotFoundError} CONTAINER_NOT_FOUND
   * @throws {TsorchError} CANCELLED when `signal` aborts.
   */
  async wait(ref: string, signal?: AbortSignal): Promise<ExitResult> {
    const gone = this.tombstones.get(ref);
    if (gone !== undefined && !this.records.has(ref)) return gone;
    const rec = this.get(ref);
    while (isRunning(rec.state.status) || rec.state.status === 'restarting') {
      if (signal?.aborted === true) throw new TsorchError('CANCELLED', 'Wait cancelled');
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(rec.id) ?? [];
        list.push(resolve);
        this.waiters.set(rec.id, list);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    return { exitCode: rec.state.exitCode, oomKilled: rec.state.oomKilled };
  }

  /** Drops the container from the API: its name is free, `wait` answers from its tombstone. */
  forget(rec: ContainerRecord): void {
    this.records.delete(rec.id);
    this.tombstones.set(rec.id, { exitCode: rec.state.exitCode, oomKilled: rec.state.oomKilled });
    if (this.tombstones.size > tombstoneMaxCount) {
      const oldest = this.tombstones.keys().next().value;
      if (oldest !== undefined) this.tombstones.delete(oldest);
    }
    this.notify(rec.id);
  }

  /** Records the deletion under way of a forgotten container's files. */
  deleting(rec: ContainerRecord, deleted: Promise<void>): void {
    const { id } = rec;
    const done = deleted.finally(() => this.removing.delete(id));
    this.removing.set(id, { imageId: rec.imageId, deleted: done });
  }

  /** The deletion under way of `id`'s files, or a resolved promise. */
  deleted(id: string): Promise<void> {
    return this.removing.get(id)?.deleted ?? Promise.resolve();
  }

  /**
   * As {@link imageUsers}, once the removals under way of containers from `imageId` have deleted
   * their root filesystems (bounded): `rm` then `image rm` finds the image free.
   */
  async imageUsersSettled(imageId: string): Promise<string[]> {
    const removals = [...this.removing.values()].filter((r) => r.imageId === imageId);
    await settledWithin(Promise.all(removals.map((r) => r.deleted)), containerRemovalSettleMs);
    return this.imageUsers(imageId);
  }

  /** Resolves once the removals under way have deleted their files, or after `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    await settledWithin(Promise.all([...this.removing.values()].map((r) => r.deleted)), timeoutMs);
  }
}

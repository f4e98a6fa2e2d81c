/**
 * The allocator's step of a pass: runs the pure `allocate` over the stored networks, services
 * and tasks with the IPAM the loops keep, and commits its writes. The IPAM is rebuilt from the
 * store when the loops start leading and whenever a commit fails, so it never holds an
 * allocation the store does not (docs/design/networking.md, "The allocator").
 *
 * @module
 */

import { rebuildIpam, type Ipam, type IpamOptions } from '../../net/index.js';
import type { Store, TableName, TableObjects, WriteTx } from '../../store/index.js';
import {
  allocate,
  type AllocatorIssue,
  type AllocatorOptions,
  type AllocatorUpdate,
} from '../allocator/index.js';
import type { Logger } from '../../util/log.js';
import { ConflictError } from '../../util/errors.js';
import { managerLoopTxMaxWrites } from '../../util/limits.js';

/** Ids the store's watch saw deleted since the last allocator step. */
export interface DeletedIds {
  networkIds: Set<string>;
  serviceIds: Set<string>;
  taskIds: Set<string>;
  nodeIds: Set<string>;
}

/** An empty {@link DeletedIds}. */
export function noDeletedIds(): DeletedIds {
  return { networkIds: new Set(), serviceIds: new Set(), taskIds: new Set(), nodeIds: new Set() };
}

/** The allocator's memory between passes. */
export class AllocatorState {
  #ipam: Ipam | undefined;
  #deleted = noDeletedIds();
  /** Issue messages last logged, so an unchanged issue is logged once. */
  #logged = new Set<string>();

  constructor(readonly options: { ipam: IpamOptions; allocator: AllocatorOptions; log: Logger }) {}

  /** Notes an object deleted from the store. */
  deleted(table: TableName, id: string): void {
    if (table === 'networks') this.#deleted.networkIds.add(id);
    else if (table === 'services') this.#deleted.serviceIds.add(id);
    else if (table === 'tasks') this.#deleted.taskIds.add(id);
    else if (table === 'nodes') this.#deleted.nodeIds.add(id);
  }

  /** Forgets the IPAM: the next step rebuilds it from the store. */
  reset(): void {
    this.#ipam = undefined;
  }

  /**
   * Runs one allocation step and commits it; returns the number of objects written.
   *
   * @throws what the store's commit throws; the IPAM is then rebuilt on the next step.
   */
  async step(store: Store, nowMs: number): Promise<number> {
    const snapshot = store.view((tx) => ({
      networks: tx.all('networks'),
      services: tx.all('services'),
      tasks: tx.all('tasks'),
      nodes: tx.all('nodes'),
    }));
    let ipam = this.#ipam;
    if (ipam === undefined) {
      const rebuilt = rebuildIpam(snapshot, this.options.ipam);
      for (const issue of rebuilt.issues)
        this.options.log.warn('stored allocation dropped on IPAM rebuild', { ...issue });
      ipam = rebuilt.ipam;
      // What was deleted before the rebuild is already absent from the store.
      this.#deleted = noDeletedIds();
    }
    this.#ipam = undefined;
    const deleted = this.#deleted;
    const result = allocate(
      {
        ...snapshot,
        deleted: {
          networkIds: [...deleted.networkIds],
          serviceIds: [...deleted.serviceIds],
          taskIds: [...deleted.taskIds],
          nodeIds: [...deleted.nodeIds],
        },
        now: new Date(nowMs).toISOString(),
      },
      ipam,
      this.options.allocator,
    );
    this.#report(result.issues);
    for (let i = 0; i < result.updates.length; i += managerLoopTxMaxWrites) {
      const chunk = result.updates.slice(i, i + managerLoopTxMaxWrites);
      await store.update((tx) => {
        for (const update of chunk) applyUpdate(tx, update);
      });
    }
    this.#deleted = noDeletedIds();
    this.#ipam = ipam;
    return result.updates.length;
  }

  #report(issues: readonly AllocatorIssue[]): void {
    const now = new Set<string>();
    for (const issue of issues) {
      const key = `${issue.code} ${issue.serviceId ?? ''} ${issue.networkId ?? ''} ${issue.message}`;
      now.add(key);
      if (this.#logged.has(key) || issue.taskId !== undefined) continue;
      this.options.log.warn(`allocation failed: ${issue.message}`, { ...issue });
    }
    this.#logged = now;
  }
}

/** The object `update` is for, as read at the version it names. */
function readFor<T extends AllocatorUpdate['table']>(
  tx: WriteTx,
  table: T,
  update: { id: string; version: number },
): TableObjects[T] {
  const current = tx.get(table, update.id);
  if (current?.meta.version !== update.version)
    throw new ConflictError(
      `Cannot write ${table} "${update.id}": it changed since the allocator read it`,
      { code: 'STORE_CONFLICT', details: { table, id: update.id } },
    );
  return current;
}

/** Writes one allocator update on the object it read, refusing a stale one. */
function applyUpdate(tx: WriteTx, update: AllocatorUpdate): void {
  switch (update.table) {
    case 'networks':
      tx.update('networks', { ...readFor(tx, 'networks', update), ...update.fields });
      return;
    case 'services':
      tx.update('services', { ...readFor(tx, 'services', update), ...update.fields });
      return;
    case 'tasks':
      tx.update('tasks', { ...readFor(tx, 'tasks', update), ...update.fields });
      return;
    case 'nodes':
      tx.update('nodes', { ...readFor(tx, 'nodes', update), ...update.fields });
      return;
  }
}

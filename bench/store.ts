/**
 * Store apply throughput (DESIGN.md §9): transactions/s applying pre-encoded 1-object and
 * 100-object transactions (decode + version checks + indexes + watch fan-out), the same through
 * `store.update()` with a LocalProposer (adds building and encoding), and snapshot/restore time
 * of the resulting store. `npm run bench -- store [scale]` (scale 1 = default sizes).
 *
 * Rates are per second of this process's CPU time (user + system), which stays meaningful on a
 * shared, loaded machine; wall-clock rates are printed beside them.
 */
import { performance } from 'node:perf_hooks';
import { LocalProposer, Store } from '../src/store/index.js';
import { makeService, makeTask } from '../src/store/testing.js';

/** Runs `fn`, returning wall and CPU seconds. */
function timed(fn: () => void): { wallS: number; cpuS: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const cpu = process.cpuUsage(cpu0);
  return { wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
}

const scale = Number(process.argv[2] ?? '1');
const singles = Math.round(20_000 * scale);
const batches = Math.round(300 * scale);

function fresh(): Store {
  const store = new Store({ clockMs: () => 1_700_000_000_000 });
  store.apply(
    store.prepare((tx) => {
      tx.create('services', makeService('svc', 'web'));
    }).data!,
    1,
  );
  store.setProposer(new LocalProposer(store, { lastIndex: store.version }));
  return store;
}

/** Builds `count` transactions of `size` task creates, then times applying them. */
function applyCreates(
  count: number,
  size: number,
): { txPerS: number; objPerS: number; wallTxPerS: number; store: Store } {
  const store = fresh();
  // A watcher is attached, as orchestrators always are; it drains nothing during the run.
  const watch = store.watch({ queueEvents: count * size + 1 });
  const entries: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(
      store.prepare((tx) => {
        for (let j = 0; j < size; j++) tx.create('tasks', makeTask(`t${i}x${j}`, 'svc', j + 1));
      }).data!,
    );
  }
  let index = store.version;
  const t = timed(() => {
    for (const data of entries) {
      const r = store.apply(data, ++index);
      if (r?.ok !== true) throw new Error('bench transaction rejected');
    }
  });
  watch.close();
  return {
    txPerS: count / t.cpuS,
    objPerS: (count * size) / t.cpuS,
    wallTxPerS: count / t.wallS,
    store,
  };
}

/** Times pre-built single-object updates of existing tasks (the version-check path). */
function applyUpdates(store: Store, count: number): number {
  const ids = store.view((tx) =>
    tx
      .all('tasks')
      .slice(0, count)
      .map((t) => t.id),
  );
  const entries = ids.map(
    (id) =>
      store.prepare((tx) => {
        const t = structuredClone(tx.get('tasks', id)!);
        t.status.state = 'PENDING';
        tx.update('tasks', t);
      }).data!,
  );
  let index = store.version;
  const start = performance.now();
  for (const data of entries)
    if (store.apply(data, ++index)?.ok !== true) throw new Error('rejected');
  return entries.length / ((performance.now() - start) / 1000);
}

/** Times store.update() end to end with a LocalProposer (build + encode + apply). */
async function updateLoop(count: number): Promise<number> {
  const store = fresh();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i++)
    await store.update((tx) => {
      tx.create('tasks', makeTask(`u${i}`, 'svc', 1));
    });
  const cpu = process.cpuUsage(cpu0);
  return count / ((cpu.user + cpu.system) / 1e6);
}

applyCreates(500, 1); // warm-up
const one = applyCreates(singles, 1);
console.log(
  `apply, 1-object transactions:    ${one.txPerS.toFixed(0)} tx/s (${singles} tx; wall ${one.wallTxPerS.toFixed(0)} tx/s)`,
);
const hundred = applyCreates(batches, 100);
console.log(
  `apply, 100-object transactions:  ${hundred.txPerS.toFixed(0)} tx/s = ${hundred.objPerS.toFixed(0)} objects/s (${batches} tx; wall ${hundred.wallTxPerS.toFixed(0)} tx/s)`,
);
const updates = applyUpdates(one.store, singles);
console.log(`apply, 1-object updates:         ${updates.toFixed(0)} tx/s`);
const e2e = await updateLoop(Math.round(singles / 2));
console.log(`store.update() + LocalProposer:  ${e2e.toFixed(0)} tx/s (build, encode, apply)`);

const big = hundred.store;
const tasks = big.view((tx) => tx.all('tasks').length);
let snap: Uint8Array = new Uint8Array(0);
const snapshotMs = timed(() => (snap = big.snapshot())).cpuS * 1000;
const restoreMs =
  timed(() => {
    new Store().restore(snap);
  }).cpuS * 1000;
console.log(
  `snapshot (CPU time) of ${tasks} tasks: ${(snap.byteLength / 1024 / 1024).toFixed(1)} MiB in ${snapshotMs.toFixed(0)} ms; restore ${restoreMs.toFixed(0)} ms`,
);

console.log(
  JSON.stringify({
    bench: 'store',
    clock: 'cpu',
    apply_1obj_tx_per_s: Math.round(one.txPerS),
    apply_1obj_wall_tx_per_s: Math.round(one.wallTxPerS),
    apply_100obj_tx_per_s: Math.round(hundred.txPerS),
    apply_100obj_objects_per_s: Math.round(hundred.objPerS),
    apply_1obj_update_tx_per_s: Math.round(updates),
    update_e2e_local_tx_per_s: Math.round(e2e),
    snapshot_tasks: tasks,
    snapshot_bytes: snap.byteLength,
    snapshot_ms: Math.round(snapshotMs),
    restore_ms: Math.round(restoreMs),
  }),
);

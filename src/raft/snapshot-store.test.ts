import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import type { Snapshot } from './core/types.js';
import { SnapshotStore } from './snapshot-store.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function store(): Promise<{ dir: string; store: SnapshotStore }> {
  const dir = await mkdtemp(join(tmpdir(), 'tsorch-snap-'));
  dirs.push(dir);
  return { dir, store: new SnapshotStore(join(dir, 'snap')) };
}
function snap(index: number, text: string): Snapshot {
  return {
    meta: { index, term: 2, conf: { voters: [1, 2, 3], learners: [] } },
    data: new TextEncoder().encode(text),
  };
}

describe('SnapshotStore', () => {
  it('returns undefined when no snapshot was saved', async () => {
    const { store: s } = await store();
    expect(await s.loadNewest()).toBeUndefined();
  });

  it('loads the newest snapshot and keeps only the last two', async () => {
    const { dir, store: s } = await store();
    for (const i of [10, 20, 30]) await s.save(snap(i, `state-${i}`));
    const got = await s.loadNewest();
    expect(got?.meta).toEqual(snap(30, '').meta);
    expect(new TextDecoder().decode(got?.data)).toBe('state-30');
    expect((await readdir(join(dir, 'snap'))).length).toBe(2);
  });

  it('falls back to the previous snapshot when the newest is damaged, and removes temp files', async () => {
    const { dir, store: s } = await store();
    await s.save(snap(10, 'old'));
    await s.save(snap(20, 'new'));
    const names = (await readdir(join(dir, 'snap'))).sort();
    const newest = join(dir, 'snap', names[1]!);
    const buf = await readFile(newest);
    buf[buf.length - 1] = buf[buf.length - 1]! ^ 1;
    await writeFile(newest, buf);
    await writeFile(join(dir, 'snap', 'x.snap.tmp'), 'partial');
    const got = await s.loadNewest();
    expect(new TextDecoder().decode(got?.data)).toBe('old');
    expect((await readdir(join(dir, 'snap'))).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('fails with RAFT_WAL_CORRUPT when every snapshot is damaged', async () => {
    const { dir, store: s } = await store();
    await s.save(snap(10, 'only'));
    const [name] = await readdir(join(dir, 'snap'));
    await writeFile(join(dir, 'snap', name!), 'garbage that is long enough');
    const err = await s.loadNewest().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(hasCode(err, 'RAFT_WAL_CORRUPT')).toBe(true);
  });
});

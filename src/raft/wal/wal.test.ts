import {
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
  appendFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import type { Entry } from '../core/types.js';
import { encodeCommit, encodeEntry, encodeHardState } from './record.js';
import { Wal } from './wal.js';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsorch-wal-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function entry(index: number, term = 1, text = `v${index}`): Entry {
  return { index, term, type: 'normal', data: new TextEncoder().encode(text) };
}

function texts(entries: Entry[]): string[] {
  return entries.map((e) => `${e.term}:${e.index}:${new TextDecoder().decode(e.data)}`);
}

async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
}

async function expectCorrupt(p: Promise<unknown>, file: string, offset?: number): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(hasCode(err, 'RAFT_WAL_CORRUPT')).toBe(true);
  if (!hasCode(err, 'RAFT_WAL_CORRUPT')) return;
  expect(err.details?.['file']).toBe(file);
  if (offset !== undefined) expect(err.details?.['offsetBytes']).toBe(offset);
}

describe('Wal', () => {
  it('replays appended entries and the latest hard state after reopen', async () => {
    const dir = await tmp();
    const { wal, state } = await Wal.open(dir);
    expect(state.entries).toEqual([]);
    await wal.append([entry(1), entry(2)], { term: 1, vote: 2, commit: 1 });
    await wal.append([entry(3)], { term: 1, vote: 2, commit: 3 });
    await wal.close();
    const again = await Wal.open(dir);
    expect(texts(again.state.entries)).toEqual(['1:1:v1', '1:2:v2', '1:3:v3']);
    expect(again.state.hardState).toEqual({ term: 1, vote: 2, commit: 3 });
    expect(again.truncatedBytes).toBe(0);
    await again.wal.close();
  });

  it('group-commits appends issued together into one ordered log', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => wal.append([entry(i + 1)])));
    await wal.close();
    const { wal: w2, state } = await Wal.open(dir);
    expect(state.entries.map((e) => e.index)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await w2.close();
  });

  it('replaces a conflicting suffix written by an old leader (Raft §5.3)', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await wal.append([entry(1), entry(2), entry(3), entry(4)]);
    await wal.append([entry(3, 2, 'new3')]);
    await wal.close();
    const { wal: w2, state } = await Wal.open(dir);
    expect(texts(state.entries)).toEqual(['1:1:v1', '1:2:v2', '2:3:new3']);
    await w2.close();
  });

  it('rolls segments and deletes only those a snapshot covers', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir, { segmentBytes: 200 });
    for (let i = 1; i <= 40; i++) await wal.append([entry(i)], { term: 1, vote: 1, commit: i });
    expect((await segmentFiles(dir)).length).toBeGreaterThan(3);
    await wal.saveSnapshotMarker({ index: 30, term: 1 });
    const before = wal.segmentCount();
    expect(await wal.releaseTo(30)).toBeGreaterThan(0);
    expect(wal.segmentCount()).toBeLessThan(before);
    await wal.close();
    const { wal: w2, state } = await Wal.open(dir, { segmentBytes: 200 });
    expect(state.snapshot).toEqual({ index: 30, term: 1 });
    expect(state.entries.map((e) => e.index)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    expect(state.hardState.commit).toBe(40);
    await w2.close();
  });

  it('drops the whole log when a snapshot from the leader does not match it (Raft §7)', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await wal.append([entry(1), entry(2), entry(3)]);
    await wal.saveSnapshotMarker({ index: 2, term: 5 });
    await wal.append([entry(3, 5)]);
    await wal.close();
    const { wal: w2, state } = await Wal.open(dir);
    expect(state.snapshot).toEqual({ index: 2, term: 5 });
    expect(texts(state.entries)).toEqual(['5:3:v3']);
    await w2.close();
  });

  it('applies a snapshot newer than the WAL markers given at open', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await wal.append([entry(1), entry(2), entry(3)]);
    await wal.close();
    const { wal: w2, state } = await Wal.open(dir, { snapshot: { index: 2, term: 1 } });
    expect(texts(state.entries)).toEqual(['1:3:v3']);
    await w2.close();
  });

  it('truncates a torn tail and keeps appending after it', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await wal.append([entry(1), entry(2)]);
    await wal.close();
    const [file] = await segmentFiles(dir);
    const path = join(dir, file!);
    const torn = encodeEntry(entry(3)).subarray(0, 12);
    await appendFile(path, torn);
    const { wal: w2, state, truncatedBytes } = await Wal.open(dir);
    expect(truncatedBytes).toBe(12);
    expect(state.entries.map((e) => e.index)).toEqual([1, 2]);
    await w2.append([entry(3, 1, 'again')]);
    await w2.close();
    const { wal: w3, state: s3 } = await Wal.open(dir);
    expect(texts(s3.entries)).toEqual(['1:1:v1', '1:2:v2', '1:3:again']);
    await w3.close();
  });

  it('fails loudly on a bad record followed by valid ones, naming file and offset', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await wal.append([entry(1)]);
    await wal.append([entry(2)]);
    await wal.append([entry(3)]);
    await wal.close();
    const [file] = await segmentFiles(dir);
    const path = join(dir, file!);
    const buf = await readFile(path);
    const header = encodeHardState({ term: 0, vote: 0, commit: 0 }).length + 25 + 17;
    const second = header + encodeEntry(entry(1)).length + 17;
    buf[second + 12] = buf[second + 12]! ^ 0xff; // flip a payload byte of entry 2
    await writeFile(path, buf);
    await expectCorrupt(Wal.open(dir), path, second);
  });

  it('fails loudly on a bad record in a segment that is not the last', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir, { segmentBytes: 100 });
    for (let i = 1; i <= 10; i++) await wal.append([entry(i)]);
    await wal.close();
    const files = await segmentFiles(dir);
    expect(files.length).toBeGreaterThan(2);
    const first = join(dir, files[0]!);
    const size = (await stat(first)).size;
    await truncate(first, size - 3);
    await expectCorrupt(Wal.open(dir, { segmentBytes: 100 }), first, undefined);
  });

  it('fails loudly when entries are missing between segments', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir, { segmentBytes: 100 });
    for (let i = 1; i <= 10; i++) await wal.append([entry(i)]);
    await wal.close();
    const files = await segmentFiles(dir);
    await rm(join(dir, files[1]!));
    const err = await Wal.open(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(hasCode(err, 'RAFT_WAL_CORRUPT')).toBe(true);
  });

  it('rejects appends after close with RAFT_STOPPED', async () => {
    const { wal } = await Wal.open(await tmp());
    await wal.close();
    const err = await wal.append([entry(1)]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(hasCode(err, 'RAFT_STOPPED')).toBe(true);
  });

  it('writes a deferred commit-only hard state with the next append and at close', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir);
    await wal.append([entry(1), entry(2)], { term: 1, vote: 1, commit: 0 });
    wal.deferHardState({ term: 1, vote: 1, commit: 1 });
    await wal.append([entry(3)]);
    wal.deferHardState({ term: 1, vote: 1, commit: 3 });
    await wal.close();
    const { wal: w2, state } = await Wal.open(dir);
    expect(state.hardState).toEqual({ term: 1, vote: 1, commit: 3 });
    expect(state.entries.map((e) => e.index)).toEqual([1, 2, 3]);
    await w2.close();
  });

  it('fails every later append after a failed write instead of acknowledging data', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir, { segmentBytes: 10 });
    await wal.append([entry(1)]);
    // The next append must roll to a new segment; a file squatting on that name makes it fail.
    const next = (wal.segmentCount() + 1).toString(16).padStart(16, '0');
    await writeFile(join(dir, `${next}.wal`), 'in the way');
    const first = await wal.append([entry(2)]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((first as NodeJS.ErrnoException).code).toBe('EEXIST');
    const second = await wal.append([entry(2)]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(second).toBe(first);
    await wal.close();
  });

  it('never loses an acknowledged entry nor invents one when the tail is torn anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        async (batchSizes, cutSeed, garble) => {
          const dir = await tmp();
          const { wal } = await Wal.open(dir);
          let next = 1;
          const acked: Entry[] = [];
          for (const n of batchSizes.slice(0, -1)) {
            const batch = Array.from({ length: n }, () => entry(next++));
            await wal.append(batch, { term: 1, vote: 1, commit: next - 1 });
            acked.push(...batch);
          }
          await wal.close();
          // The last batch was "in flight": only a prefix of its bytes reached the disk.
          const inflight = Array.from({ length: batchSizes.at(-1)! }, () => entry(next++));
          const bytes = Buffer.concat([
            ...inflight.map(encodeEntry),
            encodeHardState({ term: 1, vote: 1, commit: next - 1 }),
            encodeCommit(0),
          ]);
          // A strict prefix: the write's commit record never made it, so it was not acknowledged.
          const cut = cutSeed % bytes.length;
          const part = Buffer.from(bytes.subarray(0, cut));
          if (garble && cut > 0) part[cutSeed % cut] = part[cutSeed % cut]! ^ 0x5a;
          const [file] = await segmentFiles(dir);
          await appendFile(join(dir, file!), part);
          const { wal: w2, state } = await Wal.open(dir);
          await w2.close();
          const got = state.entries.map((e) => e.index);
          expect(got.slice(0, acked.length)).toEqual(acked.map((e) => e.index));
          expect(got.length).toBeLessThanOrEqual(acked.length + inflight.length);
          expect(state.hardState.commit).toBeGreaterThanOrEqual(acked.length);
          expect(state.hardState.commit).toBeLessThanOrEqual(got.at(-1) ?? 0);
          for (const e of state.entries) expect(texts([e])).toEqual([`1:${e.index}:v${e.index}`]);
          await rm(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});

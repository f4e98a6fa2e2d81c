import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Wal } from '../../src/raft/wal/wal.js';
import { useCleanup } from '../helpers/host.js';
import { entryData } from './fixtures/raft-wal-writer.js';

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'fixtures', 'raft-wal-writer.ts');

/** Runs the writer until SIGKILLed after `killAfterMs`; returns the highest acknowledged commit. */
async function runAndKill(
  dir: string,
  seed: number,
  killAfterMs: number,
): Promise<{ acked: number; rewinds: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let acked = 0;
  let rewinds = 0;
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const l of lines) {
      if (l.startsWith('ACK ')) acked = Math.max(acked, Number(l.slice(4)));
      if (l === 'REWIND') rewinds++;
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // Kill only once it has started writing, at a random point in its work.
  for (let i = 0; i < 300 && acked === 0 && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, killAfterMs));
  if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  await exited;
  expect(err).toBe('');
  return { acked, rewinds };
}

describe('WAL under SIGKILL', () => {
  const cleanup = useCleanup();

  it('never loses an acknowledged entry and never recovers a damaged one, over repeated kills', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsorch-wal-crash-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    let ackedEver = 0;
    let rewindsEver = 0;
    for (let round = 0; round < 6; round++) {
      const { acked, rewinds } = await runAndKill(
        dir,
        1000 + round,
        20 + Math.floor(Math.random() * 400),
      );
      rewindsEver += rewinds;
      ackedEver = Math.max(ackedEver, acked);
      const { wal, state } = await Wal.open(dir, { segmentBytes: 32 * 1024 });
      await wal.close();
      expect(acked).toBeGreaterThan(0);
      // Every acknowledged commit is still there...
      expect(state.hardState.commit).toBeGreaterThanOrEqual(ackedEver);
      const last = state.entries.at(-1)?.index ?? state.snapshot.index;
      // ...and the commit never points past the recovered log.
      expect(state.hardState.commit).toBeLessThanOrEqual(last);
      expect(state.snapshot.index).toBeLessThanOrEqual(state.hardState.commit);
      let prevTerm = 0;
      for (const [i, e] of state.entries.entries()) {
        expect(e.index).toBe(state.snapshot.index + 1 + i);
        expect(e.term).toBeGreaterThanOrEqual(prevTerm);
        expect(Buffer.from(e.data).equals(Buffer.from(entryData(e.index, e.term)))).toBe(true);
        prevTerm = e.term;
      }
    }
    expect(rewindsEver).toBeGreaterThan(0); // the overwrite path ran
    expect(ackedEver).toBeGreaterThan(400); // markers and segment deletion ran
  });
});

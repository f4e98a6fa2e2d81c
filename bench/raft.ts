/**
 * bench/raft: three Raft members as separate processes on loopback (src/raft/node-main.ts),
 * each with its own WAL (fdatasync) and data dir. Proposers run inside the leader process, so
 * the figures cover propose → replicate → fsync on a majority → apply, without an HTTP client
 * in the way. Measures commits/s and p50/p99 commit latency with 1, 16 and 128 concurrent
 * proposers, and the latency at a fixed 1,000 commits/s.
 *
 * Targets: >= 20,000 commits/s with 128 proposers; p99 < 20 ms at 1,000 commits/s.
 *
 * `npm run bench -- raft [--duration-ms N] [--value-bytes N]`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import type { LoadOptions, LoadResult } from '../src/raft/node-main.js';
import {
  findLeader,
  kvAgent,
  startCluster,
  type MemberProcess,
} from '../test/integration/fixtures/raft-cluster.js';

const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '5000' },
    'value-bytes': { type: 'string', default: '100' },
  },
});
const durationMs = Number(values['duration-ms']);
const valueBytes = Number(values['value-bytes']);

async function load(leader: MemberProcess, o: LoadOptions): Promise<LoadResult> {
  const res = await request(`http://127.0.0.1:${leader.httpPort}/load`, {
    method: 'POST',
    body: JSON.stringify(o),
    dispatcher: kvAgent,
    headersTimeout: o.durationMs + 60_000,
    bodyTimeout: o.durationMs + 60_000,
  });
  if (res.statusCode !== 200) throw new Error(`load failed: ${await res.body.text()}`);
  return (await res.body.json()) as LoadResult;
}

function line(name: string, r: LoadResult): string {
  return `${name.padEnd(28)} ${r.commitsPerS.toFixed(0).padStart(8)} commits/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  max ${r.maxMs.toFixed(1)} ms  (${r.commits} commits, ${r.failed} failed)`;
}

const base = await mkdtemp(join(tmpdir(), 'tsorch-bench-raft-'));
const members = await startCluster(3, base, ['--tick-ms', '100', '--snapshot-every', '50000']);
try {
  let leader: MemberProcess | undefined;
  for (let i = 0; i < 200 && leader === undefined; i++) {
    leader = await findLeader(members);
    if (leader === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  if (leader === undefined) throw new Error('no leader elected within 20 s');
  process.stdout.write(
    `raft: 3 members on loopback, leader ${leader.id}, ${valueBytes}-byte values, ${durationMs} ms per run\n`,
  );
  await load(leader, { concurrency: 16, durationMs: 1000, valueBytes }); // warm-up
  const results: Record<string, LoadResult> = {};
  for (const c of [1, 16, 128]) {
    results[`c${c}`] = await load(leader, { concurrency: c, durationMs, valueBytes });
    process.stdout.write(`${line(`${c} proposer(s)`, results[`c${c}`]!)}\n`);
  }
  const fixed = await load(leader, { concurrency: 1024, durationMs, valueBytes, ratePerS: 1000 });
  process.stdout.write(`${line('fixed 1,000 commits/s', fixed)}\n`);
  const c128 = results['c128']!;
  const okThroughput = c128.commitsPerS >= 20_000;
  const okLatency = fixed.p99Ms < 20;
  process.stdout.write(
    `target >= 20,000 commits/s with 128 proposers: ${okThroughput ? 'met' : 'MISSED'} (${c128.commitsPerS.toFixed(0)})\n` +
      `target p99 < 20 ms at 1,000 commits/s: ${okLatency ? 'met' : 'MISSED'} (${fixed.p99Ms.toFixed(2)} ms)\n`,
  );
  const r = (x: number): number => Math.round(x * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'raft',
      members: 3,
      value_bytes: valueBytes,
      commits_per_s_c1: r(results['c1']!.commitsPerS),
      p50_ms_c1: r(results['c1']!.p50Ms),
      p99_ms_c1: r(results['c1']!.p99Ms),
      commits_per_s_c16: r(results['c16']!.commitsPerS),
      p50_ms_c16: r(results['c16']!.p50Ms),
      p99_ms_c16: r(results['c16']!.p99Ms),
      commits_per_s: r(c128.commitsPerS),
      p50_ms_c128: r(c128.p50Ms),
      p99_ms_c128: r(c128.p99Ms),
      fixed_rate_per_s: 1000,
      fixed_commits_per_s: r(fixed.commitsPerS),
      p50_ms_fixed: r(fixed.p50Ms),
      p99_ms: r(fixed.p99Ms),
      target_commits_per_s: 20_000,
      target_p99_ms: 20,
      targets_met: okThroughput && okLatency,
    })}\n`,
  );
} finally {
  for (const m of members) await m.stop();
  await kvAgent.close();
  await rm(base, { recursive: true, force: true });
}

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
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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

/** CPU time (user + system) a process used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}

interface Run extends LoadResult {
  /** CPU of all three members per commit: stable even when the host is busy. */
  cpuUsPerCommit: number;
}

async function run(leader: MemberProcess, o: LoadOptions): Promise<Run> {
  const pids = members.map((m) => m.child?.pid ?? 0);
  const before = pids.reduce((a, p) => a + cpuMs(p), 0);
  const r = await load(leader, o);
  const used = pids.reduce((a, p) => a + cpuMs(p), 0) - before;
  return { ...r, cpuUsPerCommit: r.commits === 0 ? 0 : (used * 1000) / r.commits };
}

function line(name: string, r: Run): string {
  return `${name.padEnd(24)} ${r.commitsPerS.toFixed(0).padStart(7)} commits/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  max ${r.maxMs.toFixed(1)} ms  ${r.cpuUsPerCommit.toFixed(0)} µs CPU/commit  (${r.commits} commits, ${r.failed} failed)`;
}

/** The host's own fdatasync latency on the data disk: the floor under any commit latency. */
async function fsyncProbe(dir: string): Promise<{ p50Ms: number; p99Ms: number }> {
  const handle = await open(join(dir, 'fsync-probe'), 'a');
  const lat: number[] = [];
  const buf = Buffer.alloc(256);
  try {
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await handle.write(buf);
      await handle.datasync();
      lat.push(performance.now() - t0);
    }
  } finally {
    await handle.close();
  }
  lat.sort((a, b) => a - b);
  return { p50Ms: lat[150] ?? 0, p99Ms: lat[297] ?? 0 };
}

const base = await mkdtemp(join(tmpdir(), 'tsorch-bench-raft-'));
const fsync = await fsyncProbe(base);
const members = await startCluster(3, base, ['--tick-ms', '100']);
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
  process.stdout.write(
    `host fdatasync (256 B appends, same disk): p50 ${fsync.p50Ms.toFixed(2)} ms  p99 ${fsync.p99Ms.toFixed(2)} ms\n`,
  );
  await load(leader, { concurrency: 16, durationMs: 1000, valueBytes }); // warm-up
  const results: Record<string, Run> = {};
  for (const c of [1, 16, 128]) {
    results[`c${c}`] = await run(leader, { concurrency: c, durationMs, valueBytes });
    process.stdout.write(`${line(`${c} proposer(s)`, results[`c${c}`]!)}\n`);
  }
  const fixed = await run(leader, { concurrency: 1024, durationMs, valueBytes, ratePerS: 1000 });
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
      cpu_us_per_commit_c128: r(c128.cpuUsPerCommit),
      fixed_rate_per_s: 1000,
      fixed_commits_per_s: r(fixed.commitsPerS),
      p50_ms_fixed: r(fixed.p50Ms),
      p99_ms: r(fixed.p99Ms),
      cpu_us_per_commit_fixed: r(fixed.cpuUsPerCommit),
      host_load_avg_1m: r(loadavg()[0] ?? 0),
      host_fdatasync_p50_ms: r(fsync.p50Ms),
      host_fdatasync_p99_ms: r(fsync.p99Ms),
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

/**
 * bench/container-start: container start latency.
 *
 * 1. Reference: raw `runc run` of a prepared busybox bundle running `true` (foreground: the
 *    command returns when the container exited and was deleted). Same bundle for all figures.
 * 2. Driver: tsorch's runtime layer (src/agent/runtime) doing create, start, wait for exit,
 *    delete through the Runtime interface, from this warm process; both as two runtime
 *    invocations (create, start) and as one (`run --detach`).
 * 3. Daemon: create, start, wait, delete through the daemon's API from a warm client, in turn
 *    with raw runs (see `measureDaemon` below). Target: within 1.5x of raw runc.
 *
 * `npm run bench -- container-start [--runs N] [--runtime runc|crun]`
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCgroupDriver } from '../src/agent/cgroups/index.js';
import {
  buildOciSpec,
  detectHostInfo,
  openRuntime,
  writeBundle,
  type Runtime,
  type RuntimeName,
} from '../src/agent/runtime/index.js';
import { runCommand } from '../src/agent/runtime/spawn.js';
import { bundleCli } from '../scripts/bundle-cli.js';
import { buildBusyboxRootfs } from '../test/helpers/images.js';
import {
  measureCliRun,
  measureDaemonApi,
  measureDocker,
  measureNodeFloor,
  startBenchDaemon,
  type BenchDaemon,
} from './_container-daemon.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    runtime: { type: 'string', default: 'runc' },
  },
});
const runs = Number(values.runs);
const runtimeName = values.runtime as RuntimeName;
/** Bound on the wait for one container's exit. */
const exitTimeoutMs = 10_000;

/** Summary of a list of samples, in ms. */
interface Summary {
  median: number;
  p90: number;
  min: number;
}

function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (n: number): number => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p90: round(at(0.9)), min: round(s[0] ?? NaN) };
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Waits for a PID to exit (gone, or a zombie waiting for its reaper), polling /proc. */
async function waitExit(pid: number): Promise<void> {
  const deadline = Date.now() + exitTimeoutMs;
  for (;;) {
    let state = 'gone';
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? 'gone';
    } catch {
      // gone
    }
    if (state === 'gone' || state === 'Z' || state === 'X') return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for PID ${pid} to exit`);
    await new Promise((r) => setImmediate(r));
  }
}

async function measureRaw(rt: Runtime, bundle: string, prefix: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const argv = rt.argv.run(`${prefix}-raw-${i}`, bundle);
    out.push(
      await time(async () => {
        const r = await runCommand(argv, { timeoutMs: exitTimeoutMs });
        if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
      }),
    );
  }
  return out;
}

async function measureDriver(
  rt: Runtime,
  bundle: string,
  prefix: string,
  mode: 'create+start' | 'run --detach',
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const id = `${prefix}-drv${mode === 'run --detach' ? 'r' : 'c'}-${i}`;
    const pidFile = join(bundle, `${id}.pid`);
    out.push(
      await time(async () => {
        if (mode === 'run --detach') await rt.run(id, bundle, { pidFile });
        else {
          await rt.create(id, bundle, { pidFile });
          await rt.start(id);
        }
        await waitExit(Number(readFileSync(pidFile, 'utf8')));
        await rt.delete(id, { force: true });
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DAEMON-SIDE FIGURE: create, start, wait, delete through the API of a `tsorch daemon` from a
// warm client, `runs` times, each after a raw `runc run` of the same bundle (the ratio's
// reference), with a pause before every sample so no clean-up overlaps the next sample.
// ---------------------------------------------------------------------------------------------
let benchDaemon: BenchDaemon | undefined;
async function measureDaemon(
  n: number,
  reference: () => Promise<number>,
): Promise<{ samples: number[]; reference: number[] }> {
  await bundleCli();
  benchDaemon = await startBenchDaemon(runtimeName);
  return measureDaemonApi(benchDaemon, n, reference);
}

const work = mkdtempSync(join(tmpdir(), 'tsorch-bench-start-'));
const parent = `tsorch-bench-${process.pid}`;
const prefix = `bench${process.pid}`;
try {
  const rootfs = join(work, 'rootfs');
  await buildBusyboxRootfs(rootfs);
  const bundle = join(work, 'bundle');
  // One spec for both: tsorch's full default spec (seccomp, masks, cgroups), command `true`.
  const spec = buildOciSpec(
    { id: prefix, rootfsPath: rootfs, args: ['true'], cgroupParent: parent },
    detectHostInfo(),
  );
  await writeBundle(bundle, spec);
  const rt = await openRuntime(runtimeName, { stateDir: join(work, 'state') });

  await measureRaw(rt, bundle, `${prefix}-warm`); // warm caches (binary, page cache)
  const raw = summarize(await measureRaw(rt, bundle, prefix));
  console.log(
    `raw \`${runtimeName} run\` of busybox true: median ${raw.median} ms, p90 ${raw.p90} ms (${runs} runs)`,
  );
  const ratio = (x: Summary): number => Math.round((x.median / raw.median) * 100) / 100;
  const twoStep = summarize(await measureDriver(rt, bundle, prefix, 'create+start'));
  console.log(
    `runtime driver create, start, wait, delete: median ${twoStep.median} ms, p90 ${twoStep.p90} ms (${ratio(twoStep)}x raw)`,
  );
  const driver = summarize(await measureDriver(rt, bundle, prefix, 'run --detach'));
  const driverRatio = ratio(driver);
  console.log(
    `runtime driver run --detach, wait, delete: median ${driver.median} ms, p90 ${driver.p90} ms (${driverRatio}x raw)`,
  );
  // Paired with raw runs taken in turn with it, so both see the same machine.
  let pairedRun = 0;
  const measured = await measureDaemon(runs, async () => {
    const argv = rt.argv.run(`${prefix}-pair-${pairedRun++}`, bundle);
    return time(async () => {
      const r = await runCommand(argv, { timeoutMs: exitTimeoutMs });
      if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
    });
  });
  const daemon = summarize(measured.samples);
  const paired = summarize(measured.reference);
  const daemonRatio = Math.round((daemon.median / paired.median) * 100) / 100;
  console.log(
    `daemon API create+start+wait+delete: median ${daemon.median} ms, p90 ${daemon.p90} ms; raw \`${runtimeName} run\` taken in turn with it: median ${paired.median} ms (${daemonRatio}x raw, target <= 1.5x)`,
  );
  // End to end (container manager): a new CLI process per `tsorch run --rm`, vs docker.
  let e2e: Summary | undefined;
  let docker: Summary | undefined;
  let nodeFloor: Summary | undefined;
  let nodeBare: Summary | undefined;
  if (benchDaemon !== undefined) {
    e2e = summarize(measureCliRun(benchDaemon, runs));
    nodeFloor = summarize(measureNodeFloor(runs, { withoutExtraCa: false }));
    nodeBare = summarize(measureNodeFloor(runs, { withoutExtraCa: true }));
    const d = measureDocker(runs);
    docker = d === undefined ? undefined : summarize(d);
    console.log(
      `tsorch run --rm busybox:test true (bin/tsorch, a new process each time): median ${e2e.median} ms, p90 ${e2e.p90} ms (target <= 118 ms, half of docker's 236 ms)`,
    );
    console.log(
      process.env['NODE_EXTRA_CA_CERTS'] === undefined
        ? `node -e 0 alone: median ${nodeFloor.median} ms`
        : `node -e 0 alone: median ${nodeFloor.median} ms with this environment's NODE_EXTRA_CA_CERTS, ${nodeBare.median} ms without (bin/tsorch defers it)`,
    );
    console.log(
      docker === undefined
        ? 'docker run --rm busybox true: n/a (no Docker engine with busybox here; 236 ms measured on this kind of machine)'
        : `docker run --rm busybox true: median ${docker.median} ms (tsorch ${Math.round((e2e.median / docker.median) * 100) / 100}x)`,
    );
    await benchDaemon.close();
    benchDaemon = undefined;
  }
  console.log(
    JSON.stringify({
      bench: 'container-start',
      runtime: runtimeName,
      runs,
      raw_run_median_ms: raw.median,
      raw_run_p90_ms: raw.p90,
      driver_create_start_median_ms: twoStep.median,
      driver_create_start_vs_raw: ratio(twoStep),
      driver_median_ms: driver.median,
      driver_p90_ms: driver.p90,
      driver_vs_raw: driverRatio,
      daemon_median_ms: daemon.median,
      daemon_p90_ms: daemon.p90,
      daemon_paired_raw_median_ms: paired.median,
      daemon_vs_raw: daemonRatio,
      e2e_cli_run_median_ms: e2e?.median ?? null,
      e2e_cli_run_p90_ms: e2e?.p90 ?? null,
      node_floor_median_ms: nodeFloor?.median ?? null,
      node_floor_without_extra_ca_median_ms: nodeBare?.median ?? null,
      docker_run_median_ms: docker?.median ?? null,
      e2e_vs_docker:
        e2e !== undefined && docker !== undefined
          ? Math.round((e2e.median / docker.median) * 100) / 100
          : null,
    }),
  );
} finally {
  await benchDaemon?.close();
  const cgroups = await openCgroupDriver();
  await cgroups.remove(`/${parent}`);
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}

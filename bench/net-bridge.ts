/**
 * bench/net-bridge: container-to-container TCP throughput and round-trip time over a bridge
 * network, against a plain veth pair between two namespaces measured in the same run; and the
 * network attach latency a container's create pays (namespace + veth + address + route).
 *
 * The bridge side is the node's real path: two sandboxes made by the agent's network manager
 * (a named namespace, a veth on the network's bridge, the rules). The same Node program runs as
 * server and client in both setups (`nsenter --net=PATH node`), so only the path differs.
 * Targets (issue 12): bridge throughput at least 0.9x of veth; attach at most 10 ms.
 *
 * `npm run bench -- net-bridge [--mb N] [--pings N] [--rounds N] [--attaches N]` (root)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openNetworks, removeNodeNetworks } from '../src/agent/index.js';
import { createLogger } from '../src/util/log.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '256' },
    rounds: { type: 'string', default: '5' },
    pings: { type: 'string', default: '2000' },
    attaches: { type: 'string', default: '30' },
  },
});
const totalMb = Number(values.mb);
const pings = Number(values.pings);
const attaches = Number(values.attaches);
const rounds = Number(values.rounds);

// Server: echoes 1-byte pings; drains bulk data and reports its byte count when the client ends.
const serverJs = `
const net = require('node:net');
const srv = net.createServer((c) => {
  c.setNoDelay(true);
  let n = 0; let mode;
  c.on('data', (d) => {
    if (mode === undefined) mode = d[0];
    if (mode === 0x50) c.write(d); else n += d.length;
  });
  c.on('end', () => { if (mode !== 0x50) c.end(String(n)); else c.end(); });
});
srv.listen(5201, process.argv[1], () => process.stdout.write('ready\\n'));
`;
// Client: bulk MB then reports MB/s; or N ping-pongs and reports the median RTT in us.
const clientJs = `
const net = require('node:net');
const [host, what, count] = process.argv.slice(1);
const c = net.connect(5201, host, () => {
  c.setNoDelay(true);
  if (what === 'bulk') {
    const chunk = Buffer.alloc(1 << 20, 1); let left = Number(count); const t0 = process.hrtime.bigint();
    const pump = () => { while (left > 0) { left--; if (!c.write(chunk)) { c.once('drain', pump); return; } } c.end(); };
    c.on('data', () => {});
    c.on('end', () => { const s = Number(process.hrtime.bigint() - t0) / 1e9; process.stdout.write(String(Number(count) / s)); });
    pump();
  } else {
    const rtts = []; let left = Number(count); let t = 0n;
    const one = () => { t = process.hrtime.bigint(); c.write(Buffer.from([0x50])); };
    c.on('data', () => {
      rtts.push(Number(process.hrtime.bigint() - t) / 1e3);
      if (--left > 0) one(); else { rtts.sort((a, b) => a - b); process.stdout.write(String(rtts[rtts.length >> 1])); c.end(); }
    });
    one();
  }
});
`;

function inNetns(path: string, js: string, args: string[]) {
  return spawn('nsenter', [`--net=${path}`, '--', process.execPath, '-e', js, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function measure(
  serverNs: string,
  clientNs: string,
  serverIp: string,
): Promise<{ mbPerS: number; rttUs: number }> {
  const server = inNetns(serverNs, serverJs, [serverIp]);
  await new Promise<void>((resolve) => server.stdout.once('data', () => resolve()));
  const run = (what: string, count: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const c = inNetns(clientNs, clientJs, [serverIp, what, String(count)]);
      let out = '';
      c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      c.on('exit', (code) =>
        code === 0 ? resolve(Number(out)) : reject(new Error(`client ${code}`)),
      );
    });
  try {
    const mbPerS = await run('bulk', totalMb);
    const rttUs = await run('ping', pings);
    return { mbPerS, rttUs };
  } finally {
    server.kill('SIGKILL');
  }
}

/** Whether bridged traffic passes the host's iptables (br_netfilter, loaded by Docker). */
function brNetfilter(): string {
  try {
    return sh('cat', '/proc/sys/net/bridge/bridge-nf-call-iptables').trim() === '1' ? 'on' : 'off';
  } catch {
    return 'not loaded';
  }
}

const sh = (...argv: string[]): string =>
  execFileSync(argv[0] ?? '', argv.slice(1), { encoding: 'utf8' });
const pct = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

const base = mkdtempSync(join(tmpdir(), 'tsorch-bench-net-'));
const root = join(base, 'root');
const defaultRoot = '/var/lib/tsorch';
const vethNs = ['tsbenchva', 'tsbenchvb'];
try {
  // Reference: a veth pair straight between two namespaces.
  for (const ns of vethNs) sh('ip', 'netns', 'add', ns);
  sh(
    'ip',
    'link',
    'add',
    'tsbenchv0',
    'netns',
    'tsbenchva',
    'type',
    'veth',
    'peer',
    'name',
    'tsbenchv1',
    'netns',
    'tsbenchvb',
  );
  sh('ip', '-n', 'tsbenchva', 'addr', 'add', '10.250.0.1/24', 'dev', 'tsbenchv0');
  sh('ip', '-n', 'tsbenchvb', 'addr', 'add', '10.250.0.2/24', 'dev', 'tsbenchv1');
  for (const [ns, dev] of [
    ['tsbenchva', 'tsbenchv0'],
    ['tsbenchvb', 'tsbenchv1'],
  ] as const) {
    sh('ip', '-n', ns, 'link', 'set', dev, 'up');
    sh('ip', '-n', ns, 'link', 'set', 'lo', 'up');
  }
  // The node's bridge network: two sandboxes as the agent makes them for containers.
  const log = createLogger({ level: 'error', write: (l) => process.stderr.write(l) });
  const networks = await openNetworks({ root, defaultRoot, log });
  await networks.reconcile(new Set());
  await networks.manager.create({ name: 'bench' });
  const ids = ['a', 'b'].map((c) => c.repeat(64));
  const sbs = [];
  for (const [i, id] of ids.entries()) {
    const sb = await networks.manager.attachContainer(
      { id, name: `bench${i}`, hostname: `bench${i}` },
      [{ network: 'bench' }],
      [],
    );
    if (sb === undefined) throw new Error('no sandbox');
    sbs.push(sb);
  }
  const [sa, sbb] = sbs;
  const serverIp = sa?.endpoints[0]?.address.split('/')[0] ?? '';
  // Rounds alternate between the two paths (this host's load moves); each keeps its median.
  const vethRuns: { mbPerS: number; rttUs: number }[] = [];
  const bridgeRuns: { mbPerS: number; rttUs: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    vethRuns.push(await measure('/run/netns/tsbenchva', '/run/netns/tsbenchvb', '10.250.0.1'));
    bridgeRuns.push(
      await measure(
        networks.manager.netnsPath(sa ?? sbs[0]!),
        networks.manager.netnsPath(sbb ?? sbs[0]!),
        serverIp,
      ),
    );
  }
  const medianOf = (runs: { mbPerS: number; rttUs: number }[]) => ({
    mbPerS: pct(
      runs.map((r) => r.mbPerS),
      0.5,
    ),
    rttUs: pct(
      runs.map((r) => r.rttUs),
      0.5,
    ),
  });
  const veth = medianOf(vethRuns);
  const bridge = medianOf(bridgeRuns);
  // Each round's pair ran back to back under the same load: their ratios say how much it moved.
  const pairRatios = bridgeRuns.map((b, i) => b.mbPerS / (vethRuns[i]?.mbPerS ?? NaN));

  // Attach latency: what one container's create pays for its network. Between attaches, one
  // process start (`ip -batch -` with one command, what ADR 016's attach paid twice) as the
  // reference for how loaded the host is.
  const samples: number[] = [];
  const spawnSamples: number[] = [];
  for (let i = 0; i < attaches; i++) {
    const id = i.toString(16).padStart(2, '0').repeat(32);
    const t0 = process.hrtime.bigint();
    await networks.manager.attachContainer(
      { id, name: `att${i}`, hostname: `att${i}` },
      [{ network: 'bench' }],
      [],
    );
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await networks.manager.detachContainer(id);
    const t1 = process.hrtime.bigint();
    execFileSync('ip', ['-batch', '-'], { input: 'link set lo up\n' });
    spawnSamples.push(Number(process.hrtime.bigint() - t1) / 1e6);
    // Containers do not start back to back with their removal; the spares are made meanwhile.
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const id of ids) await networks.manager.detachContainer(id);
  await networks.manager.remove('bench');
  networks.close();

  const ratio = bridge.mbPerS / veth.mbPerS;
  process.stdout.write(
    `veth pair:      ${round(veth.mbPerS)} MB/s, median RTT ${round(veth.rttUs)} us\n` +
      `bridge network: ${round(bridge.mbPerS)} MB/s, median RTT ${round(bridge.rttUs)} us\n` +
      `(medians of ${rounds} alternating rounds; br_netfilter: ${brNetfilter()})\n` +
      `throughput ratio bridge/veth: ${round(ratio, 2)} (target >= 0.9); per round ${round(pct(pairRatios, 0), 2)}..${round(pct(pairRatios, 1), 2)}, median ${round(pct(pairRatios, 0.5), 2)}\n` +
      `attach (netns + veth + address + route), ${attaches} runs: median ${round(pct(samples, 0.5))} ms, p90 ${round(pct(samples, 0.9))} ms, p95 ${round(pct(samples, 0.95))} ms (target <= 10 ms)\n` +
      `reference, one ip process start: median ${round(pct(spawnSamples, 0.5))} ms, p90 ${round(pct(spawnSamples, 0.9))} ms (load average ${loadavg()[0]?.toFixed(1) ?? '?'})\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'net-bridge',
      veth_mb_per_s: round(veth.mbPerS),
      bridge_mb_per_s: round(bridge.mbPerS),
      throughput_ratio: round(ratio, 3),
      throughput_ratio_per_round_median: round(pct(pairRatios, 0.5), 3),
      veth_rtt_us: round(veth.rttUs),
      bridge_rtt_us: round(bridge.rttUs),
      attach_median_ms: round(pct(samples, 0.5)),
      attach_p90_ms: round(pct(samples, 0.9)),
      attach_p95_ms: round(pct(samples, 0.95)),
      process_start_median_ms: round(pct(spawnSamples, 0.5)),
    })}\n`,
  );
} finally {
  for (const ns of vethNs) {
    try {
      sh('ip', 'netns', 'del', ns);
    } catch {
      // not made
    }
  }
  await removeNodeNetworks(root, defaultRoot).catch(() => undefined);
  rmSync(base, { recursive: true, force: true });
}

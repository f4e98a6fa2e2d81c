/**
 * `npm run bench -- compose-config [runs]`: times `tsorch config` end to end (a fresh node
 * process each run, as a user runs it) on a generated 200-service compose file. Target: under
 * 300 ms. Needs `npm run build` first (it runs dist/src/cli/main.js).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const servicesCount = 200;
const runs = Number(process.argv[2] ?? 15);
const targetMs = 300;
const cli = resolve(import.meta.dirname, '../dist/src/cli/main.js');
if (!existsSync(cli)) {
  process.stderr.write('dist/src/cli/main.js is missing: run `npm run build` first\n');
  process.exit(1);
}

/** A realistic service: ports, volumes, env, healthcheck, depends_on, deploy. */
function service(i: number): string {
  const dep =
    i > 0 ? `\n    depends_on:\n      svc${i - 1}:\n        condition: service_started` : '';
  return `  svc${i}:
    image: "registry.local/app/svc${i}:\${TAG:-1.0}"
    command: ["node", "server.js", "--port", "${3000 + i}"]
    environment:
      - SERVICE_NAME=svc${i}
      - LOG_LEVEL=info
      - DATABASE_URL=postgres://db:5432/svc${i}
    labels:
      com.example.team: team${i % 7}
    ports:
      - "${10000 + i}:${3000 + i}"
    volumes:
      - data${i % 10}:/var/lib/svc
      - ./config/svc${i}:/etc/svc:ro
    networks: [front, back]
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:${3000 + i}/health"]
      interval: 30s
      timeout: 5s
      retries: 3
    deploy:
      replicas: ${1 + (i % 3)}
      resources:
        limits: {cpus: "0.5", memory: 256M}
      restart_policy: {condition: on-failure, delay: 5s}${dep}
`;
}

const dir = mkdtempSync(join(tmpdir(), 'tsorch-bench-compose-'));
try {
  const file = join(dir, 'compose.yaml');
  const volumes = Array.from({ length: 10 }, (_, i) => `  data${i}: {}`).join('\n');
  const text = `name: bench\nservices:\n${Array.from({ length: servicesCount }, (_, i) => service(i)).join('')}networks:\n  front: {}\n  back: {}\nvolumes:\n${volumes}\n`;
  writeFileSync(file, text);
  process.stdout.write(`compose file: ${servicesCount} services, ${text.length} bytes\n`);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let outputBytes = 0;
  // CPU time (user + system) of each run, read with /usr/bin/time when present: unlike wall
  // time it barely changes when other work loads the machine.
  const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  // One warm-up run fills the OS file cache; it is not counted.
  for (let i = 0; i <= runs; i++) {
    const started = process.hrtime.bigint();
    const args = [cli, 'config', '-f', file];
    const child = spawnSync(
      timeTool ?? process.execPath,
      timeTool === undefined ? args : ['-f', '%U %S', process.execPath, ...args],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (child.status !== 0) throw new Error(`tsorch config failed: ${child.stderr}`);
    const out = child.stdout;
    const cpu = /([0-9.]+) ([0-9.]+)\s*$/.exec(child.stderr);
    if (i > 0 && cpu !== null) cpuTimes.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (i > 0) times.push(ms);
    outputBytes = out.length;
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const median = at(0.5);
  cpuTimes.sort((a, b) => a - b);
  const cpuMedian = cpuTimes[Math.floor(cpuTimes.length / 2)] ?? 0;
  const load1 = loadavg()[0] ?? 0;
  const p95 = at(0.95);
  const baseStarted = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '0']);
  const nodeStartMs = Number(process.hrtime.bigint() - baseStarted) / 1e6;
  process.stdout.write(
    `tsorch config end to end over ${runs} runs: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < ${targetMs} ms)\n`,
  );
  process.stdout.write(
    `output ${outputBytes} bytes; bare node start ${nodeStartMs.toFixed(1)} ms; CPU time median ${cpuMedian.toFixed(0)} ms (user + sys); load average ${load1.toFixed(1)}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'compose-config', services: servicesCount, runs, median_ms: round(median), p95_ms: round(p95), target_ms: targetMs, node_start_ms: round(nodeStartMs), cpu_median_ms: round(cpuMedian), load1: round(load1), met: p95 < targetMs })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

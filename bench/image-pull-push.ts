/**
 * Pull and push of a 64 MiB image (4 layers of 16 MiB of random bytes) against Debian's
 * docker-registry on 127.0.0.1, through tsorch's image store (push from one store, pull into a
 * fresh one, layers unpacked). With a Docker engine present, `docker push`/`docker pull` of the
 * same image run side by side; otherwise it prints "docker: not available".
 *
 * It also pushes a second image that shares the four layers (plus one small layer of its own) to
 * another repository of the same registry: its shared layers are mounted across repositories
 * instead of uploaded (`tsorch_shared_push_ms`, against the fresh push in the same run).
 *
 * `npm run bench -- image-pull-push [--runs N]`
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ImageService } from '../src/image/image-service.js';
import { pullImage } from '../src/image/registry/pull.js';
import { pushImage } from '../src/image/registry/push.js';
import { startRegistry, tarFromEntries, writeImageArchive } from '../test/helpers/images.js';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const layerCount = 4;
const layerBytes = 16 * 1024 * 1024;
const totalMiB = (layerCount * layerBytes) / 1024 / 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], {
      stdio: 'ignore',
      timeout: 5000,
    });
    return true;
  } catch {
    return false;
  }
}

function timeMs(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const dir = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-bench-img-'));
const reg = await startRegistry(dir);
try {
  const layers = await Promise.all(
    Array.from({ length: layerCount }, (_, i) =>
      tarFromEntries([{ name: `data/layer${i}.bin`, content: randomBytes(layerBytes) }]),
    ),
  );
  const archive = path.join(dir, 'big.tar');
  await writeImageArchive(archive, layers, { format: 'docker', tag: 'bench/big:1' });
  const appArchive = path.join(dir, 'app.tar');
  const own = await tarFromEntries([{ name: 'app/own.bin', content: randomBytes(64 * 1024) }]);
  await writeImageArchive(appArchive, [...layers, own], { format: 'docker', tag: 'bench/app:1' });
  process.stdout.write(
    `image: ${layerCount} layers, ${totalMiB} MiB, registry ${reg.host} (docker-registry, filesystem storage)\n`,
  );
  const pushMs: number[] = [];
  const pullMs: number[] = [];
  const sharedMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh source store each run: no earlier push it could mount blobs from, so every
    // layer is really uploaded.
    const src = await ImageService.open(path.join(dir, `src${i}`, 'image'));
    await src.load(archive);
    const ref = `${reg.host}/bench/big${i}:1`;
    await src.tag('bench/big:1', ref);
    let t = performance.now();
    await pushImage(src, ref);
    pushMs.push(performance.now() - t);
    await src.load(appArchive);
    const appRef = `${reg.host}/bench/app${i}:1`;
    await src.tag('bench/app:1', appRef);
    t = performance.now();
    await pushImage(src, appRef);
    sharedMs.push(performance.now() - t);
    const dst = await ImageService.open(path.join(dir, `dst${i}`, 'image'));
    t = performance.now();
    await pullImage(dst, ref);
    pullMs.push(performance.now() - t);
    process.stdout.write(
      `run ${i + 1}: tsorch push ${pushMs[i]?.toFixed(0)} ms, pull+unpack ${pullMs[i]?.toFixed(0)} ms, push of an image sharing its layers ${sharedMs[i]?.toFixed(0)} ms\n`,
    );
    await fs.rm(path.join(dir, `dst${i}`), { recursive: true, force: true });
    await fs.rm(path.join(dir, `src${i}`), { recursive: true, force: true });
  }
  const result: Record<string, unknown> = {
    bench: 'image-pull-push',
    image_mib: totalMiB,
    runs,
    tsorch_push_ms: Math.round(median(pushMs)),
    tsorch_pull_ms: Math.round(median(pullMs)),
    tsorch_shared_push_ms: Math.round(median(sharedMs)),
    fresh_vs_shared_push: Number((median(pushMs) / median(sharedMs)).toFixed(1)),
    tsorch_push_mib_per_s: Number((totalMiB / (median(pushMs) / 1000)).toFixed(1)),
    tsorch_pull_mib_per_s: Number((totalMiB / (median(pullMs) / 1000)).toFixed(1)),
  };
  process.stdout.write(
    `tsorch: push ${result['tsorch_push_ms'] as number} ms (${result['tsorch_push_mib_per_s'] as number} MiB/s), pull ${result['tsorch_pull_ms'] as number} ms (${result['tsorch_pull_mib_per_s'] as number} MiB/s), median of ${runs}\n` +
      `push of an image sharing those layers (mounted from the first repository): ${result['tsorch_shared_push_ms'] as number} ms, ${result['fresh_vs_shared_push'] as number}x faster than the fresh push\n`,
  );
  if (dockerAvailable()) {
    execFileSync('docker', ['load', '-i', archive], { stdio: 'ignore' });
    const dPush: number[] = [];
    const dPull: number[] = [];
    for (let i = 0; i < runs; i++) {
      const ref = `${reg.host}/bench/dbig${i}:1`;
      execFileSync('docker', ['tag', 'bench/big:1', ref]);
      dPush.push(timeMs(() => execFileSync('docker', ['push', ref], { stdio: 'ignore' })));
      execFileSync('docker', ['rmi', ref], { stdio: 'ignore' });
      dPull.push(timeMs(() => execFileSync('docker', ['pull', ref], { stdio: 'ignore' })));
      execFileSync('docker', ['rmi', ref], { stdio: 'ignore' });
    }
    result['docker_push_ms'] = Math.round(median(dPush));
    result['docker_pull_ms'] = Math.round(median(dPull));
    result['push_ratio'] = Number((median(pushMs) / median(dPush)).toFixed(2));
    result['pull_ratio'] = Number((median(pullMs) / median(dPull)).toFixed(2));
    process.stdout.write(
      `docker: push ${result['docker_push_ms'] as number} ms, pull ${result['docker_pull_ms'] as number} ms (tsorch/docker: push ${result['push_ratio'] as number}, pull ${result['pull_ratio'] as number})\n`,
    );
  } else {
    process.stdout.write('docker: not available\n');
    result['docker'] = 'not available';
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await reg.stop();
  await fs.rm(dir, { recursive: true, force: true });
}

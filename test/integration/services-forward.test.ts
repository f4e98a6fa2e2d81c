/**
 * The Services API on a follower manager: real `tsorch daemon` processes on loopback, a leader
 * and a second manager; service writes made through the follower's CLI are forwarded to the
 * leader (only it can propose) and read back on both.
 */
import { describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, useCleanup } from '../helpers/host.js';
import { freePorts } from './fixtures/raft-cluster.js';

interface Member {
  d: TestDaemon;
  addr: string;
}

async function ok(m: Member, args: string[]): Promise<string> {
  const r = await m.d.cli(args);
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

async function replicasOf(m: Member, name: string): Promise<string> {
  const out = await ok(m, ['service', 'ls']);
  const row = out
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/))
    .find((cols) => cols[1] === name);
  return row?.[3] ?? '';
}

describe('services API on a follower manager (real daemons on loopback)', () => {
  const cleanup = useCleanup();

  it('create, scale and rm on the follower reach the leader', async (ctx) => {
    requireRoot(ctx);
    const [pa, pb] = await freePorts(2);
    const a: Member = {
      addr: `127.0.0.1:${String(pa)}`,
      d: await startTestDaemon(cleanup, {
        extraArgs: ['--listen-addr', `127.0.0.1:${String(pa)}`],
      }),
    };
    const b: Member = {
      addr: `127.0.0.1:${String(pb)}`,
      d: await startTestDaemon(cleanup, {
        extraArgs: ['--listen-addr', `127.0.0.1:${String(pb)}`],
      }),
    };
    await ok(a, ['swarm', 'init', '--advertise-addr', a.addr]);
    const token = (await ok(a, ['swarm', 'join-token', '-q', 'manager'])).trim();
    await ok(b, ['swarm', 'join', '--token', token, '--advertise-addr', b.addr, a.addr]);

    await ok(b, ['service', 'create', '--name', 'fwd', '--replicas', '2', 'example/none:1']);
    expect(await replicasOf(a, 'fwd')).toMatch(/\/2$/);
    expect(await replicasOf(b, 'fwd')).toMatch(/\/2$/);

    await ok(b, ['service', 'scale', 'fwd=3']);
    expect(await replicasOf(a, 'fwd')).toMatch(/\/3$/);

    const dup = await b.d.cli(['service', 'create', '--name', 'fwd', 'example/none:1']);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('fwd');
    expect(dup.stderr).not.toContain('    at ');

    await ok(b, ['service', 'rm', 'fwd']);
    expect(await replicasOf(a, 'fwd')).toBe('');
  });
});

/**
 * Real `tsorch daemon` processes (own --root/--run, cluster listeners on 127.0.0.1) made into a
 * cluster with the CLI: init, restart, join as manager and worker, node ls on a follower, remote
 * CLI over mutual TLS, demote and leave, lost quorum; and the security refusals: wrong token,
 * another cluster's token, a certificate of another CA, a worker certificate calling a manager
 * RPC, plaintext to the TLS port.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { serviceClient } from '../../src/api/proto.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, useCleanup, waitFor, type Cleanup } from '../helpers/host.js';
import { freePorts } from './fixtures/raft-cluster.js';

interface Member {
  d: TestDaemon;
  addr: string;
}

async function daemons(cleanup: Cleanup, n: number): Promise<Member[]> {
  const ports = await freePorts(n);
  const out: Member[] = [];
  for (const port of ports) {
    const addr = `127.0.0.1:${port}`;
    out.push({ d: await startTestDaemon(cleanup, { extraArgs: ['--listen-addr', addr] }), addr });
  }
  return out;
}

async function ok(m: Member, args: string[]): Promise<string> {
  const r = await m.d.cli(args);
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

async function init(m: Member): Promise<void> {
  await ok(m, ['swarm', 'init', '--advertise-addr', m.addr]);
}

async function joinNode(m: Member, manager: Member, role: 'worker' | 'manager'): Promise<void> {
  const token = (await ok(manager, ['swarm', 'join-token', '-q', role])).trim();
  await ok(m, ['swarm', 'join', '--token', token, '--advertise-addr', m.addr, manager.addr]);
}

/** Rows of `node ls` as [ID, HOSTNAME, STATUS, AVAILABILITY, MANAGER STATUS]. */
async function nodeLs(m: Member): Promise<string[][]> {
  const out = await ok(m, [
    'node',
    'ls',
    '--format',
    '{{.id}}|{{.state}}|{{.availability}}|{{.reachability}}|{{.leader}}|{{.self}}',
  ]);
  return out
    .trim()
    .split('\n')
    .map((l) => l.split('|'));
}

const ids = new Map<Member, string>();

/** The node id of `m` (remembered, so it is known after the node left). */
function nodeId(m: Member): string {
  const known = ids.get(m);
  if (known !== undefined) return known;
  const state = JSON.parse(readFileSync(join(m.d.root, 'swarm', 'state.json'), 'utf8')) as {
    nodeId: string;
  };
  ids.set(m, state.nodeId);
  return state.nodeId;
}

function tlsOf(m: Member): grpc.ChannelCredentials {
  const dir = join(m.d.root, 'certificates');
  return grpc.credentials.createSsl(
    readFileSync(join(dir, 'ca.crt')),
    readFileSync(join(dir, 'node.key')),
    readFileSync(join(dir, 'node.crt')),
  );
}

/** Calls Swarm/ListNodes on `target` with `creds`; the gRPC status code and details. */
function listNodesWith(
  target: Member,
  creds: grpc.ChannelCredentials,
): Promise<{ code: grpc.status; details: string }> {
  const Ctor = serviceClient('cluster', 'Swarm');
  const client = new Ctor(target.addr, creds, {
    'grpc.ssl_target_name_override': 'swarm-manager',
  }) as grpc.Client & Record<string, unknown>;
  return new Promise((resolve) => {
    (
      client['listNodes'] as (
        r: unknown,
        o: grpc.CallOptions,
        cb: (e: grpc.ServiceError | null) => void,
      ) => void
    ).call(client, {}, { deadline: Date.now() + 5000 }, (err) => {
      client.close();
      resolve(
        err === null
          ? { code: grpc.status.OK, details: '' }
          : { code: err.code, details: err.details },
      );
    });
  });
}

describe('tsorch swarm (real daemons on loopback)', () => {
  const cleanup = useCleanup();

  it('init makes a manager that restarts from disk; join-token --rotate voids the old token; the TLS port refuses plaintext', async (ctx) => {
    requireRoot(ctx);
    const [a, b] = await daemons(cleanup, 2);
    if (a === undefined || b === undefined) throw new Error('no daemons');
    await init(a);
    const again = await a.d.cli(['swarm', 'init']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Error: This node is already part of a cluster');
    expect((await nodeLs(a))[0]).toEqual([
      nodeId(a),
      'ready',
      'active',
      'reachable',
      'true',
      'true',
    ]);

    await a.d.stop();
    await a.d.restart();
    expect((await nodeLs(a)).map((r) => r[0])).toEqual([nodeId(a)]);

    // Remote CLI with the node's own certificate (TSORCH_ROOT points at it).
    const remote = await a.d.cli(['--host', `tcp://${a.addr}`, 'node', 'ls']);
    expect(remote.code).toBe(0);
    expect(remote.stdout).toMatch(/^ID +HOSTNAME +STATUS +AVAILABILITY +MANAGER STATUS\n/);
    expect(remote.stdout).toContain('Leader');

    const plain = await listNodesWith(a, grpc.credentials.createInsecure());
    expect(plain.code).toBe(grpc.status.UNAVAILABLE);

    const old = (await ok(a, ['swarm', 'join-token', '-q', 'worker'])).trim();
    const rotated = await ok(a, ['swarm', 'join-token', '--rotate', 'worker']);
    expect(rotated).toContain('Successfully rotated worker join token.');
    const refused = await b.d.cli(['swarm', 'join', '--token', old, a.addr]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Join token is not valid for this cluster');
    // A failed join leaves the node outside any cluster.
    const ls = await b.d.cli(['node', 'ls']);
    expect(ls.stderr).toContain('Error: This node is not a cluster manager: it is in no cluster');
  });

  it('three nodes: a manager and a worker join; node ls on the follower; the worker cannot call manager RPCs; demote, leave', async (ctx) => {
    requireRoot(ctx);
    const [a, b, c] = await daemons(cleanup, 3);
    if (a === undefined || b === undefined || c === undefined) throw new Error('no daemons');
    await init(a);
    await joinNode(b, a, 'manager');
    await joinNode(c, a, 'worker');
    const cId = nodeId(c);

    const rows = await nodeLs(b);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get(nodeId(a))?.slice(1)).toEqual([
      'ready',
      'active',
      'reachable',
      'true',
      'false',
    ]);
    expect(byId.get(nodeId(b))?.slice(1)).toEqual([
      'ready',
      'active',
      'reachable',
      'false',
      'true',
    ]);
    expect(byId.get(nodeId(c))?.slice(1)).toEqual(['ready', 'active', '', 'false', 'false']);

    // A write sent to the follower is forwarded to the leader.
    await ok(b, ['node', 'update', '--availability', 'drain', '--label-add', 'zone=x', nodeId(c)]);
    const inspected = JSON.parse(await ok(a, ['node', 'inspect', nodeId(c)])) as {
      availability: string;
      labels: Record<string, string>;
    }[];
    expect(inspected[0]?.availability).toBe('drain');
    expect(inspected[0]?.labels).toEqual({ zone: 'x' });

    const already = await c.d.cli(['swarm', 'join', '--token', 'SWMTKN-1-x-y', a.addr]);
    expect(already.stderr).toContain('Error: This node is already part of a cluster');

    const worker = await listNodesWith(a, tlsOf(c));
    expect(worker.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(worker.details).toContain('is for manager nodes');
    const onWorker = await c.d.cli(['node', 'ls']);
    expect(onWorker.stderr).toContain('Error: This node is not a cluster manager: it is a worker');

    // 2 managers: demoting the leader leaves 1 of 1 needed, so it is allowed; the demoted
    // daemon notices, takes a worker certificate and stops its manager.
    await ok(a, ['node', 'demote', nodeId(a)]);
    const managers = async (): Promise<number> =>
      (await nodeLs(b)).filter((r) => r[3] !== '').length;
    await waitFor('one manager left', async () => ((await managers()) === 1 ? true : undefined));
    await waitFor(
      'the demoted daemon to run as a worker',
      async () =>
        (await a.d.cli(['node', 'ls'])).stderr.includes('it is a worker') ? true : undefined,
      { timeoutMs: 20_000 },
    );
    // And back: the promoted worker takes a manager certificate and joins Raft.
    await ok(b, ['node', 'promote', nodeId(a)]);
    await waitFor(
      'two reachable managers',
      async () =>
        (await nodeLs(b)).filter((r) => r[3] === 'reachable').length === 2 ? true : undefined,
      { timeoutMs: 30_000 },
    );
    expect((await a.d.cli(['node', 'ls'])).code).toBe(0);
    await ok(b, ['node', 'demote', nodeId(a)]);
    await waitFor('one manager left again', async () =>
      (await managers()) === 1 ? true : undefined,
    );

    const last = await b.d.cli(['node', 'demote', nodeId(b)]);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('Error: Cannot demote the last manager of the cluster');

    const leaveManager = await b.d.cli(['swarm', 'leave']);
    expect(leaveManager.stderr).toContain('Error: This node is a manager');
    expect((await c.d.cli(['swarm', 'leave'])).code).toBe(0);
    await waitFor('the worker to show as down', async () =>
      (await nodeLs(b)).find((r) => r[0] === cId)?.[1] === 'down' ? true : undefined,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${c.d.log().slice(-2500)}\n${b.d.log().slice(-2500)}`);
    });
    await ok(b, ['node', 'rm', cId]);
    expect((await nodeLs(b)).map((r) => r[0])).not.toContain(cId);
  });

  it('refuses a token of another cluster, a certificate of another CA and an unreachable manager', async (ctx) => {
    requireRoot(ctx);
    const [a, other, joiner] = await daemons(cleanup, 3);
    if (a === undefined || other === undefined || joiner === undefined)
      throw new Error('no daemons');
    await init(a);
    await init(other);
    const foreign = (await ok(other, ['swarm', 'join-token', '-q', 'worker'])).trim();
    const r = await joiner.d.cli(['swarm', 'join', '--token', foreign, a.addr]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error: Refusing to join: the manager presented a root CA that does not match the join token',
    );
    const otherCa = await listNodesWith(a, tlsOf(other));
    expect([grpc.status.UNAVAILABLE, grpc.status.PERMISSION_DENIED]).toContain(otherCa.code);

    const [closed] = await freePorts(1);
    const token = (await ok(a, ['swarm', 'join-token', '-q', 'worker'])).trim();
    const gone = await joiner.d.cli([
      'swarm',
      'join',
      '--token',
      token,
      `127.0.0.1:${String(closed)}`,
    ]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(
      `Error: Cannot reach the manager at "127.0.0.1:${String(closed)}"`,
    );
    const bad = await joiner.d.cli(['swarm', 'join', '--token', 'SWMTKN-1-nope', a.addr]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Error: .*token/i);
  });

  it('a manager that cannot reach a majority refuses writes and says how many it reaches', async (ctx) => {
    requireRoot(ctx);
    const [a, b, c] = await daemons(cleanup, 3);
    if (a === undefined || b === undefined || c === undefined) throw new Error('no daemons');
    await init(a);
    await joinNode(b, a, 'manager');
    await joinNode(c, a, 'manager');
    expect((await nodeLs(c)).filter((r) => r[3] !== '')).toHaveLength(3);
    await a.d.stop();
    await waitFor(
      'the stopped manager to show as unreachable',
      async () => {
        const r = await c.d.cli(['node', 'ls', '--format', '{{.reachability}}']);
        return r.code === 0 && r.stdout.includes('unreachable') ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // 2 of 3 reachable: demoting one of the two would leave 1 of the 2 others reachable.
    const demote = await c.d.cli(['node', 'demote', nodeId(b)]);
    expect(demote.code).toBe(1);
    expect(demote.stderr).toContain(
      'Error: Cannot demote the manager: the 2 remaining manager(s) need 2 reachable for a majority, and 1 are',
    );
    expect(demote.stderr).toContain('--force');
    await b.d.stop();
    const r = await c.d.cli(['node', 'update', '--label-add', 'k=v', nodeId(c)], {
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error: This manager cannot reach a majority: 1 of 3 managers reachable; writes are refused',
    );
    // Back to a majority: the cluster serves again.
    await a.d.restart();
    await waitFor(
      'a leader again',
      async () =>
        (await c.d.cli(['node', 'update', '--label-add', 'k=v', nodeId(c)])).code === 0
          ? true
          : undefined,
      { timeoutMs: 30_000 },
    );
  });
});

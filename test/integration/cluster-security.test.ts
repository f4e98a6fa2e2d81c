/**
 * Real `tsorch daemon` processes on loopback (as cluster.test.ts): certificates renew on their
 * own before they expire and the cluster keeps working past the first certificates' end; a role
 * change re-issues the certificate; a joining node whose clock is behind gets an actionable
 * error; `swarm ca --rotate` moves every node to a new root CA while the cluster keeps serving;
 * `swarm init --autolock` keeps a restarted manager locked until `swarm unlock`. The daemons run with the test seams `--min-cert-expiry` and `--clock-offset`.
 */
import { randomUUID, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClientCredentials } from '../../src/api/tls.js';
import { callManager } from '../../src/daemon/manager-net.js';
import {
  loadNodeCredentials,
  pemCertificates,
  verifyNodeCertificate,
} from '../../src/manager/index.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, useCleanup, waitFor, type Cleanup } from '../helpers/host.js';
import { freePorts } from './fixtures/raft-cluster.js';

interface Member {
  d: TestDaemon;
  addr: string;
}

async function daemons(cleanup: Cleanup, extraArgs: string[][]): Promise<Member[]> {
  const ports = await freePorts(extraArgs.length);
  return Promise.all(
    ports.map(async (port, i) => {
      const addr = `127.0.0.1:${port}`;
      const args = ['--listen-addr', addr, ...(extraArgs[i] ?? [])];
      return { d: await startTestDaemon(cleanup, { extraArgs: args }), addr };
    }),
  );
}

async function ok(m: Member, args: string[], input?: string): Promise<string> {
  const r = await m.d.cli(args, input === undefined ? {} : { input });
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

async function joinNode(m: Member, manager: Member, role: 'worker' | 'manager'): Promise<void> {
  const token = (await ok(manager, ['swarm', 'join-token', '-q', role])).trim();
  await ok(m, ['swarm', 'join', '--token', token, '--advertise-addr', m.addr, manager.addr]);
}

/** The node certificate on disk. */
function certOf(m: Member): X509Certificate {
  return new X509Certificate(readFileSync(join(m.d.root, 'certificates', 'node.crt')));
}

function field(cert: X509Certificate, name: 'CN' | 'OU'): string {
  return new RegExp(`^${name}=(.*)$`, 'm').exec(cert.subject)?.[1] ?? '';
}

/** Checks the node's certificate files chain to its trusted roots now; returns its identity. */
async function verifyOnDisk(m: Member): Promise<{ nodeId: string; role: string }> {
  const creds = await loadNodeCredentials(join(m.d.root, 'certificates'));
  if (creds === undefined) throw new Error('no credentials');
  const v = await verifyNodeCertificate(creds.certChainPem, {
    trustedRootsPem: pemCertificates(creds.trustedRootsPem),
    now: new Date(),
  });
  return v.identity;
}

/** Calls Membership/NodeRole on `manager` with the certificate files of `m` (a new connection). */
async function roleWithFiles(m: Member, manager: Member): Promise<string> {
  const creds = await loadNodeCredentials(join(m.d.root, 'certificates'));
  if (creds === undefined) throw new Error('no credentials');
  const res = await callManager<{ role: string }>(
    manager.addr,
    createClientCredentials(creds),
    'Membership',
    'NodeRole',
    {},
  );
  return res.role;
}

describe('cluster certificates (real daemons on loopback)', () => {
  const cleanup = useCleanup();

  it('manager and worker renew their certificates on their own and keep working after the first ones expired; promote re-issues the certificate', async (ctx) => {
    requireRoot(ctx);
    const seam = ['--min-cert-expiry', '5s'];
    const [a, b] = await daemons(cleanup, [seam, seam]);
    if (a === undefined || b === undefined) throw new Error('no daemons');
    await ok(a, ['swarm', 'init', '--advertise-addr', a.addr, '--cert-expiry', '20s']);
    await joinNode(b, a, 'worker');
    const first = [certOf(a), certOf(b)];
    const lifeMs = (c: X509Certificate): number =>
      Date.parse(c.validTo) - (Date.parse(c.validFrom) + 3_600_000);
    expect(first.map((c) => lifeMs(c))).toEqual([20_000, 20_000]);

    // Renewal at 50–80 % of 20 s; both certificates change on disk while the daemons run.
    await waitFor(
      'both nodes to renew',
      () =>
        certOf(a).fingerprint256 !== first[0]?.fingerprint256 &&
        certOf(b).fingerprint256 !== first[1]?.fingerprint256
          ? true
          : undefined,
      { timeoutMs: 25_000 },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${a.d.log().slice(-2000)}\n${b.d.log().slice(-2000)}`);
    });
    for (const [m, old] of [
      [a, first[0]],
      [b, first[1]],
    ] as const) {
      const renewed = certOf(m);
      expect(field(renewed, 'CN')).toBe(field(old as X509Certificate, 'CN'));
      expect(Date.parse(renewed.validTo)).toBeGreaterThan(Date.parse(old?.validTo ?? ''));
      // The renewal came no earlier than half of the first certificate's life.
      expect(Date.parse(renewed.validFrom) + 3_600_000).toBeGreaterThanOrEqual(
        Date.parse(old?.validFrom ?? '') + 3_600_000 + 10_000 - 1_000,
      );
    }
    expect((await verifyOnDisk(a)).role).toBe('manager');
    expect((await verifyOnDisk(b)).role).toBe('worker');

    // Past the end of the first certificates: new connections use the renewed ones.
    const firstEnd = Math.max(...first.map((c) => Date.parse(c.validTo)));
    await new Promise((r) => setTimeout(r, Math.max(0, firstEnd - Date.now() + 1_000)));
    const remote = await a.d.cli(['--host', `tcp://${a.addr}`, 'node', 'ls']);
    expect(remote.code).toBe(0);
    expect(remote.stdout.trim().split('\n')).toHaveLength(3);
    expect(await roleWithFiles(b, a)).toBe('worker');

    // Error path: an expiry below the minimum is refused, naming the flag.
    const short = await a.d.cli(['swarm', 'update', '--cert-expiry', '1s']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('Error: Invalid value for --cert-expiry: must be at least 5s');

    // A promotion is reflected by a re-issued certificate naming the new role.
    await ok(a, ['node', 'promote', field(first[1] as X509Certificate, 'CN')]);
    await waitFor(
      'the promoted node to hold a manager certificate',
      () => (field(certOf(b), 'OU') === 'swarm-manager' ? true : undefined),
      { timeoutMs: 30_000 },
    );
    expect((await verifyOnDisk(b)).role).toBe('manager');
  }, 300_000);

  it('a joining node whose clock is behind the manager gets an error naming the skew', async (ctx) => {
    requireRoot(ctx);
    const [a, b] = await daemons(cleanup, [[], ['--clock-offset=-2h']]);
    if (a === undefined || b === undefined) throw new Error('no daemons');
    await ok(a, ['swarm', 'init', '--advertise-addr', a.addr]);
    const noLock = await a.d.cli(['swarm', 'unlock-key']);
    expect(noLock.code).toBe(1);
    expect(noLock.stderr).toContain('Error: Autolock is not on for this node');
    const token = (await ok(a, ['swarm', 'join-token', '-q', 'worker'])).trim();
    const r = await b.d.cli(['swarm', 'join', '--token', token, a.addr]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: Node certificate not valid until \S+Z: this machine's clock is (719\d|720\d) s behind the manager's; fix the clock \(NTP\)\n/m,
    );
    expect(r.stderr).toContain('Hint: synchronize the clocks');
    // The failed join leaves the node outside any cluster.
    const ls = await b.d.cli(['node', 'ls']);
    expect(ls.stderr).toContain('it is in no cluster');
  });

  it('swarm ca --rotate moves every node to a new root; a node that is down holds the rotation until it is back; old join tokens stop working', async (ctx) => {
    requireRoot(ctx);
    const [a, b, c, d] = await daemons(cleanup, [[], [], [], []]);
    if (a === undefined || b === undefined || c === undefined || d === undefined)
      throw new Error('no daemons');
    await ok(a, ['swarm', 'init', '--advertise-addr', a.addr]);
    await joinNode(b, a, 'manager');
    await joinNode(c, a, 'worker');
    const oldRoot = (await ok(a, ['swarm', 'ca'])).trim();
    const oldToken = (await ok(a, ['swarm', 'join-token', '-q', 'worker'])).trim();

    // The worker is down: it cannot renew, so the old root stays trusted and the rotation waits.
    await c.d.stop();
    const waited = await a.d.cli(['swarm', 'ca', '--rotate', '--timeout', '5s'], {
      timeoutMs: 60_000,
    });
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain(
      'Error: The root CA rotation did not finish within 5 s: 1 node(s) still hold a certificate under the previous root',
    );
    const again = await b.d.cli(['swarm', 'ca', '--rotate', '--detach']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Error: A root CA rotation is in progress: 1 node(s)');

    // Back up, the worker renews (its old certificate still opens the connection) and the
    // rotation completes; every node then trusts only the new root.
    await c.d.restart();
    const newRoot = (await ok(b, ['swarm', 'ca'])).trim();
    expect(newRoot).not.toBe(oldRoot);
    await waitFor(
      'the rotation to finish and every node to trust only the new root',
      async () => {
        const status = await a.d.cli(['swarm', 'ca']);
        if (status.stderr.includes('in progress')) return undefined;
        for (const m of [a, b, c]) {
          const roots = readFileSync(join(m.d.root, 'certificates', 'ca.crt'), 'utf8').trim();
          if (roots !== newRoot) return undefined;
        }
        return true;
      },
      { timeoutMs: 30_000 },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${c.d.log().slice(-2500)}`);
    });
    for (const [m, role] of [
      [a, 'manager'],
      [b, 'manager'],
      [c, 'worker'],
    ] as const) {
      expect((await verifyOnDisk(m)).role).toBe(role);
      const creds = await loadNodeCredentials(join(m.d.root, 'certificates'));
      await expect(
        verifyNodeCertificate(creds?.certChainPem ?? '', {
          trustedRootsPem: [newRoot],
          now: new Date(),
        }),
      ).resolves.toBeDefined();
    }
    for (const m of [a, b]) {
      expect((await ok(m, ['node', 'ls'])).trim().split('\n')).toHaveLength(4);
      const remote = await m.d.cli(['--host', `tcp://${m.addr}`, 'node', 'ls']);
      expect(remote.code).toBe(0);
    }
    expect(await roleWithFiles(c, b)).toBe('worker');

    // The join tokens pin the new root: the old one is refused, the new one admits.
    const refused = await d.d.cli(['swarm', 'join', '--token', oldToken, a.addr]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Refusing to join: the manager presented a root CA');
    await joinNode(d, a, 'worker');
    expect((await verifyOnDisk(d)).role).toBe('worker');
  }, 300_000);

  it('swarm init --autolock: a restarted manager refuses work until unlocked, a wrong key is refused, and its files hold no plaintext', async (ctx) => {
    requireRoot(ctx);
    const [a] = await daemons(cleanup, [[]]);
    if (a === undefined) throw new Error('no daemon');
    const out = await ok(a, ['swarm', 'init', '--advertise-addr', a.addr, '--autolock']);
    const key = /SWMKEY-1-\S+/.exec(out)?.[0] ?? '';
    expect(key).not.toBe('');
    const notLocked = await a.d.cli(['swarm', 'unlock'], { input: `${key}\n` });
    expect(notLocked.stderr).toContain('Error: This node is not locked');
    const id = field(certOf(a), 'CN');
    const value = `tsorch-security-${randomUUID()}`;
    await ok(a, ['node', 'update', '--label-add', `secret=${value}`, id]);

    await a.d.stop();
    await a.d.restart();
    const locked = await a.d.cli(['node', 'ls']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('Error: This node is locked: run tsorch swarm unlock');
    const malformed = await a.d.cli(['swarm', 'unlock'], { input: 'nope\n' });
    expect(malformed.stderr).toContain(
      'Error: Invalid unlock key: it does not start with "SWMKEY-1-"',
    );
    const wrong = await a.d.cli(['swarm', 'unlock'], { input: `SWMKEY-1-${'A'.repeat(43)}\n` });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Error: Invalid unlock key: it does not open this node's keys");
    expect((await a.d.cli(['node', 'ls'])).code).toBe(1);

    expect(await ok(a, ['swarm', 'unlock'], `${key}\n`)).toBe('Node unlocked.\n');
    expect(await ok(a, ['node', 'inspect', id])).toContain(value);

    // unlock-key shows the key; --rotate replaces it: after a restart only the new one opens.
    expect((await ok(a, ['swarm', 'unlock-key', '-q'])).trim()).toBe(key);
    const rotated = (await ok(a, ['swarm', 'unlock-key', '--rotate', '-q'])).trim();
    expect(rotated).toMatch(/^SWMKEY-1-/);
    expect(rotated).not.toBe(key);
    await a.d.stop();
    await a.d.restart();
    const old = await a.d.cli(['swarm', 'unlock'], { input: `${key}\n` });
    expect(old.stderr).toContain("Error: Invalid unlock key: it does not open this node's keys");
    await ok(a, ['swarm', 'unlock'], `${rotated}\n`);
    expect(await ok(a, ['node', 'inspect', id])).toContain(value);

    // Neither the Raft log and snapshots nor any other file of the node holds the value.
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true })
        .map((n) => join(dir, String(n)))
        .filter((p) => statSync(p).isFile());
    const swarmFiles = files(join(a.d.root, 'swarm'));
    expect(swarmFiles.some((p) => p.includes(join('raft', 'wal')))).toBe(true);
    for (const p of swarmFiles) expect(readFileSync(p).includes(value), p).toBe(false);
    expect(swarmFiles.map((p) => p.slice(p.lastIndexOf('/') + 1))).not.toContain('keyring.json');
  }, 300_000);
});

/**
 * The cluster's object API end to end on real daemons, driven through the CLI: secrets and
 * configs from standard input and files (never shown back, for secrets), overlay networks
 * beside the node's own in `network ls`, refusals for bad input and for objects in use by a
 * deployed stack, `tsorch config -f` still being the compose command, and a write on a
 * follower manager forwarded to the leader.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  removeContainersOnCleanup,
  startTestDaemon,
  type RunOptions,
  type TestDaemon,
} from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { writeBusyboxBuildContext } from '../helpers/images.js';
import { freePorts } from './fixtures/raft-cluster.js';

async function ok(d: TestDaemon, args: string[], options: RunOptions = {}): Promise<string> {
  const r = await d.cli(args, { timeoutMs: 120_000, ...options });
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

/** Runs a command that must fail with exit 1 and a clear message; returns its stderr. */
async function refused(d: TestDaemon, args: string[], options: RunOptions = {}): Promise<string> {
  const r = await d.cli(args, options);
  expect(r.code, `tsorch ${args.join(' ')}: ${r.stdout}${r.stderr}`).not.toBe(0);
  expect(r.stderr).toMatch(/^Error: /);
  expect(r.stderr).not.toContain('    at ');
  return r.stderr;
}

/** Table rows of a list command, split on runs of 2+ spaces, header first. */
function rows(out: string): string[][] {
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s{2,}/));
}

const SECRET = 'objects-hunter2-payload';

describe('cluster objects through the CLI (real daemon)', () => {
  const cleanup = useCleanup();

  it('secrets, configs and overlay networks: create, list, inspect, refuse, remove', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox');
    const d = await startTestDaemon(cleanup);
    removeContainersOnCleanup(cleanup, d);
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-objects-'));
    cleanup.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    await writeBusyboxBuildContext(dir);
    await ok(d, ['build', '-q', '-t', 'objects/bb:1', dir], { timeoutMs: 300_000 });

    // Before swarm init, the cluster commands say what is missing.
    const early = await refused(d, ['secret', 'ls']);
    expect(early).toContain('this daemon is not a swarm manager');
    expect(early).toContain('Hint: Run `tsorch swarm init` first');

    await ok(d, ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    cleanup.push(async () => {
      await d.cli(['-f', join(dir, 'compose.yml'), 'down']);
    });

    // swarm init made the routing mesh's network; ls shows both scopes.
    const nets = rows(await ok(d, ['network', 'ls']));
    expect(nets[0]).toEqual(['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNET']);
    expect(nets.find((r) => r[1] === 'ingress')?.slice(2, 4)).toEqual(['overlay', 'swarm']);
    expect(nets.find((r) => r[1] === 'bridge')?.slice(2, 4)).toEqual(['bridge', 'local']);

    // Secrets from standard input and from a file; never shown back.
    const id = (
      await ok(d, ['secret', 'create', '-l', 'tier=db', 'db_pw', '-'], { input: SECRET })
    ).trim();
    expect(id).toMatch(/^[a-z0-9]{25}$/);
    writeFileSync(join(dir, 'api_key'), 'file-secret-payload');
    await ok(d, ['secret', 'create', 'api_key', join(dir, 'api_key')]);
    const ls = await ok(d, ['secret', 'ls']);
    expect(rows(ls)[0]).toEqual(['ID', 'NAME', 'DRIVER', 'CREATED', 'UPDATED']);
    expect(rows(ls).map((r) => r[1])).toEqual(['NAME', 'api_key', 'db_pw']);
    expect((await ok(d, ['secret', 'ls', '-q', '--filter', 'label=tier=db'])).trim()).toBe(id);
    const inspected = await ok(d, ['secret', 'inspect', 'db_pw', 'api_key']);
    const docs = JSON.parse(inspected) as { ID: string; Spec: Record<string, unknown> }[];
    expect(docs.map((x) => x.Spec['Name'])).toEqual(['db_pw', 'api_key']);
    expect(docs[0]?.ID).toBe(id);
    expect(docs[0]?.Spec['Labels']).toEqual({ tier: 'db' });
    for (const text of [ls, inspected, d.log()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
      expect(text).not.toContain('file-secret-payload');
    }

    // Bad input, each with its field or reason.
    expect(await refused(d, ['secret', 'create', 'db_pw', '-'], { input: 'x' })).toContain(
      `Cannot create secret "db_pw": the name is taken by secret "${id}"`,
    );
    writeFileSync(join(dir, 'big'), Buffer.alloc(600 * 1024, 1));
    expect(await refused(d, ['secret', 'create', 'big', join(dir, 'big')])).toContain(
      'spec.data: must be at most 512000 bytes (500 KiB), not 614400',
    );
    expect(await refused(d, ['secret', 'create', 'empty', '-'], { input: '' })).toContain(
      'spec.data: a secret must not be empty',
    );
    expect(await refused(d, ['secret', 'create', 'bad name', '-'], { input: 'x' })).toContain(
      'spec.name: "bad name" is not a valid name',
    );
    expect(await refused(d, ['secret', 'create', 'nofile', join(dir, 'missing')])).toContain(
      'Cannot read',
    );
    expect(await refused(d, ['secret', 'rm', 'nope'])).toContain('Secret "nope" not found');

    // Configs: the swarm commands under `tsorch config`, which stays the compose command.
    writeFileSync(join(dir, 'app.conf'), 'listen 80\n');
    await ok(d, ['config', 'create', 'app.conf', join(dir, 'app.conf')]);
    expect(rows(await ok(d, ['config', 'ls']))[0]).toEqual(['ID', 'NAME', 'CREATED', 'UPDATED']);
    expect((await ok(d, ['config', 'ls', '--format', '{{.name}}'])).trim()).toBe('app.conf');
    const conf = JSON.parse(await ok(d, ['config', 'inspect', 'app.conf'])) as {
      Spec: { Data: string };
    }[];
    expect(Buffer.from(conf[0]?.Spec.Data ?? '', 'base64').toString()).toBe('listen 80\n');
    writeFileSync(join(dir, 'db_pw.txt'), SECRET);
    writeFileSync(
      join(dir, 'compose.yml'),
      [
        'name: objstack',
        'services:',
        '  web:',
        '    image: objects/bb:1',
        `    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`,
        '    ports: ["18080:80"]',
        '    networks: [objnet]',
        '    secrets: [db_pw]',
        '    configs: [app_conf]',
        '    volumes: ["data:/data"]',
        'volumes:',
        '  data: {}',
        'networks:',
        '  objnet: { driver: overlay }',
        'secrets:',
        '  db_pw: { file: ./db_pw.txt }',
        'configs:',
        '  app_conf: { file: ./app.conf }',
        '',
      ].join('\n'),
    );
    expect(await ok(d, ['config', '-f', join(dir, 'compose.yml'), '--services'])).toBe('web\n');

    // Overlay networks.
    const netId = (
      await ok(d, ['network', 'create', '-d', 'overlay', '--subnet', '10.55.0.0/24', 'objnet'])
    ).trim();
    const objnet = rows(await ok(d, ['network', 'ls'])).find((r) => r[1] === 'objnet');
    expect(objnet).toEqual([netId.slice(0, 12), 'objnet', 'overlay', 'swarm', '10.55.0.0/24']);
    const netDoc = JSON.parse(await ok(d, ['network', 'inspect', 'objnet'])) as {
      scope: string;
      subnet: string;
    }[];
    expect(netDoc[0]).toMatchObject({ scope: 'swarm', subnet: '10.55.0.0/24' });
    expect(
      await refused(d, ['network', 'create', '-d', 'overlay', '--subnet', '10.56.0.1/24', 'n2']),
    ).toContain('spec.ipam[0].subnet: "10.56.0.1/24" has host bits set');
    expect(
      await refused(d, ['network', 'create', '-d', 'overlay', '--subnet', '10.55.0.128/25', 'n3']),
    ).toContain('overlaps "10.55.0.0/24" of network "objnet"');
    const enc = await refused(d, ['network', 'create', '-d', 'overlay', '-o', 'encrypted', 'n4']);
    expect(enc).toContain('options.encrypted: encrypted overlay networks are not supported');
    expect(enc).toContain('Hint: Create the network without -o encrypted');
    expect(await refused(d, ['network', 'create', '--attachable', 'n5'])).toContain(
      'only overlay networks (-d overlay) take it',
    );
    expect(await refused(d, ['network', 'create', '-d', 'overlay', 'objnet'])).toContain(
      'the name is taken',
    );

    // Unused objects go at once.
    await ok(d, ['secret', 'rm', 'db_pw', 'api_key']);
    await ok(d, ['config', 'rm', 'app.conf']);
    await ok(d, ['network', 'rm', 'objnet']);
    expect(await ok(d, ['network', 'ls'])).not.toContain('objnet');

    // A stack makes its own network, secret and config through the API, and its service
    // keeps them: removal is refused while it uses them.
    await ok(d, ['-f', join(dir, 'compose.yml'), 'up', '-d'], { timeoutMs: 120_000 });
    const stackNet = rows(await ok(d, ['network', 'ls'])).find((r) => r[1] === 'objstack_objnet');
    expect(stackNet?.slice(2, 4)).toEqual(['overlay', 'swarm']);
    expect((await ok(d, ['secret', 'ls', '--format', '{{.name}}'])).trim()).toBe('objstack_db_pw');
    expect((await ok(d, ['config', 'ls', '--format', '{{.name}}'])).trim()).toBe(
      'objstack_app_conf',
    );
    expect(await ok(d, ['secret', 'inspect', 'objstack_db_pw'])).not.toContain(SECRET);
    expect(await refused(d, ['secret', 'rm', 'objstack_db_pw'])).toContain(
      'Cannot remove: secret "objstack_db_pw" is in use by service "objstack_web"',
    );
    expect(await refused(d, ['config', 'rm', 'objstack_app_conf'])).toContain(
      'config "objstack_app_conf" is in use by service "objstack_web"',
    );
    expect(await refused(d, ['network', 'rm', 'objstack_objnet'])).toContain(
      'network "objstack_objnet" is in use by service "objstack_web"',
    );
    expect(
      (await ok(d, ['volume', 'ls', '--format', '{{.name}}']))
        .split('\n')
        .filter((l) => l === 'objstack_data'),
    ).toEqual(['objstack_data']);
    expect(await refused(d, ['volume', 'rm', 'objstack_data'])).toContain(
      'Cannot remove: volume "objstack_data" is in use by service "objstack_web"',
    );
    expect(await refused(d, ['network', 'rm', 'ingress'])).toContain(
      'network "ingress" is in use by service "objstack_web" (its published ports go through the routing mesh)',
    );

    // down removes the stack's objects through the same API.
    await ok(d, ['-f', join(dir, 'compose.yml'), 'down'], { timeoutMs: 120_000 });
    await waitFor(
      'the stack network gone',
      async () => !(await ok(d, ['network', 'ls'])).includes('objstack_objnet'),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect((await ok(d, ['secret', 'ls', '-q'])).trim()).toBe('');
    expect((await ok(d, ['config', 'ls', '-q'])).trim()).toBe('');
    // down keeps volumes (as Compose); rm removes the cluster's record and this node's data,
    // once the stack's stopped containers are gone.
    await waitFor(
      'the stack containers removed',
      async () => !(await ok(d, ['ps', '-a', '--format', '{{.name}}'])).includes('objstack_web'),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await ok(d, ['volume', 'rm', 'objstack_data']);
    expect(await ok(d, ['volume', 'ls', '-q'])).not.toContain('objstack_data');
  });

  it('a follower manager forwards object writes to the leader', async (ctx) => {
    requireRoot(ctx);
    const [pa, pb] = await freePorts(2);
    const a = await startTestDaemon(cleanup, {
      extraArgs: ['--listen-addr', `127.0.0.1:${String(pa)}`],
    });
    const b = await startTestDaemon(cleanup, {
      extraArgs: ['--listen-addr', `127.0.0.1:${String(pb)}`],
    });
    await ok(a, ['swarm', 'init', '--advertise-addr', `127.0.0.1:${String(pa)}`]);
    const token = (await ok(a, ['swarm', 'join-token', '-q', 'manager'])).trim();
    await ok(b, [
      'swarm',
      'join',
      '--token',
      token,
      '--advertise-addr',
      `127.0.0.1:${String(pb)}`,
      `127.0.0.1:${String(pa)}`,
    ]);
    await ok(b, ['secret', 'create', 'fwd_pw', '-'], { input: SECRET });
    await ok(b, ['network', 'create', '-d', 'overlay', 'fwdnet']);
    expect((await ok(a, ['secret', 'ls', '--format', '{{.name}}'])).trim()).toBe('fwd_pw');
    expect(await ok(a, ['network', 'ls'])).toContain('fwdnet');
    expect(await refused(b, ['secret', 'create', 'fwd_pw', '-'], { input: 'x' })).toContain(
      'the name is taken',
    );
    await ok(b, ['secret', 'rm', 'fwd_pw']);
    expect((await ok(a, ['secret', 'ls', '-q'])).trim()).toBe('');
  });
});

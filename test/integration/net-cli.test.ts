/**
 * `tsorch network ...`, `tsorch run --network/-p` and `tsorch port` against a real daemon
 * (root): busybox containers, the daemon's bridges, rules and resolver.
 */
import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { daemonWithBusybox } from './containers-harness.js';

/** The host's first non-loopback IPv4 address. */
function hostAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('no host address');
}

/** The host's default gateway (it answers pings on this kind of host). */
function hostGateway(): string {
  const m = /default via (\S+)/.exec(execFileSync('ip', ['route'], { encoding: 'utf8' }));
  if (m?.[1] === undefined) throw new Error('no default route');
  return m[1];
}

/** GET http://host:port/path from the host; the body, or undefined when it does not answer. */
function httpGet(host: string, port: number, path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = get({ host, port, path, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
  });
}

async function ok(d: TestDaemon, args: string[]): Promise<string> {
  const r = await d.cli(args);
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Fetches http://NAME/hostname from a new container on `network` (retried while it starts). */
async function fetchOn(d: TestDaemon, network: string, name: string): Promise<void> {
  const get = `wget -q -O - http://${name}/hostname | grep -q .`;
  await ok(d, ['run', '--rm', '--network', network, 'busybox:test', 'sh', '-c', retry(get)]);
}

const httpd = ['sh', '-c', "trap 'exit 0' TERM; httpd -f -p 80 -h /etc & wait"];
const retry = (cmd: string): string =>
  `for i in $(seq 20); do ${cmd} && exit 0; sleep 0.2; done; exit 1`;

describe('network commands and published ports (root)', () => {
  const cleanup = useCleanup();

  it('tsorch run -p 8080:80 answers on loopback and on the host address, as docker run -p', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'ip', 'iptables-restore', 'nsenter');
    const d = await daemonWithBusybox(cleanup);
    await ok(d, ['run', '-d', '--name', 'web', '-p', '18080:80', 'busybox:test', ...httpd]);
    for (const host of ['127.0.0.1', hostAddress()]) {
      const body = await waitFor(`http://${host}:18080`, () => httpGet(host, 18080, '/hostname'), {
        timeoutMs: 10_000,
      });
      expect(body.trim().length).toBeGreaterThan(0);
    }
    expect(await ok(d, ['port', 'web'])).toBe('80/tcp -> 0.0.0.0:18080\n');
    expect(await ok(d, ['port', 'web', '80'])).toBe('0.0.0.0:18080\n');
    expect(await ok(d, ['ps'])).toContain('0.0.0.0:18080->80/tcp');
    const doc = JSON.parse(await ok(d, ['inspect', 'web'])) as {
      NetworkSettings: { Ports: Record<string, unknown>; Networks: Record<string, unknown> };
    }[];
    expect(doc[0]?.NetworkSettings.Ports).toEqual({
      '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '18080' }],
    });
    expect(Object.keys(doc[0]?.NetworkSettings.Networks ?? {})).toEqual(['bridge']);
    // A container reaches the published port through the host's address (hairpin).
    await ok(d, [
      'run',
      '--rm',
      'busybox:test',
      'sh',
      '-c',
      retry(`wget -q -O - http://${hostAddress()}:18080/hostname | grep -q .`),
    ]);
    // The same port again is refused before anything changes.
    const clash = await d.cli(['run', '-d', '-p', '18080:80', 'busybox:test', ...httpd]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      'Cannot publish port 0.0.0.0:18080/tcp: container "web" already publishes it',
    );
    // Removing the container removes the rule: the port no longer answers, and is free at once.
    await ok(d, ['rm', '-f', 'web']);
    expect(await httpGet('127.0.0.1', 18080, '/hostname')).toBeUndefined();
    await ok(d, ['run', '-d', '--name', 'web2', '-p', '18080:80', 'busybox:test', ...httpd]);
    await ok(d, ['rm', '-f', 'web2']);
  });

  it('network create/ls/inspect/connect/disconnect/rm; a container on two networks; internal has no egress', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'ip', 'iptables-restore', 'nsenter');
    const d = await daemonWithBusybox(cleanup);
    await ok(d, ['network', 'create', '--subnet', '172.29.16.0/24', 'front']);
    await ok(d, [
      'network',
      'create',
      '--internal',
      '-o',
      'com.docker.network.driver.mtu=1400',
      'back',
    ]);
    const ls = await ok(d, ['network', 'ls']);
    for (const name of ['bridge', 'host', 'none', 'front', 'back']) expect(ls).toContain(name);
    await ok(d, ['run', '-d', '--name', 'db', '--network', 'back', 'busybox:test', ...httpd]);
    await ok(d, [
      'run',
      '-d',
      '--name',
      'app',
      '--network',
      'front',
      '--network',
      'back',
      '--network-alias',
      'api',
      '--ip',
      '172.29.16.50',
      'busybox:test',
      ...httpd,
    ]);
    const front = JSON.parse(await ok(d, ['network', 'inspect', 'front'])) as [
      { containers: { containerName: string; address: string; aliases: string[] }[] },
    ];
    expect(front[0].containers).toMatchObject([
      { containerName: 'app', address: '172.29.16.50/24', aliases: ['api'] },
    ]);
    // app is on both networks: it reaches db by name; eth1 has the internal network's MTU.
    await ok(d, ['exec', 'app', 'sh', '-c', retry('wget -q -O - http://db/hostname | grep -q .')]);
    expect(await ok(d, ['exec', 'app', 'cat', '/sys/class/net/eth1/mtu'])).toBe('1400\n');
    // A client on front reaches app by its alias, not db (not on front).
    await fetchOn(d, 'front', 'api');
    const nodb = await d.cli([
      'run',
      '--rm',
      '--network',
      'front',
      'busybox:test',
      'nslookup',
      'db',
    ]);
    expect(nodb.code).not.toBe(0);
    // app goes out through front (its default route); db, only on the internal network, cannot.
    await ok(d, ['exec', 'app', 'ping', '-c', '1', '-W', '3', hostGateway()]);
    // The internal network has no egress: db cannot reach the host's gateway.
    const egress = await d.cli(['exec', 'db', 'ping', '-c', '1', '-W', '2', hostGateway()]);
    expect(egress.code).not.toBe(0);
    // connect and disconnect.
    await ok(d, ['network', 'connect', 'front', 'db']);
    await fetchOn(d, 'front', 'db');
    await ok(d, ['network', 'disconnect', 'front', 'db']);
    const inUse = await d.cli(['network', 'rm', 'back']);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('Cannot remove network "back": containers');
    await ok(d, ['rm', '-f', 'app', 'db']);
    expect(await ok(d, ['network', 'rm', 'front', 'back'])).toBe('front\nback\n');
    const gone = await d.cli(['network', 'inspect', 'front']);
    expect(gone.stderr).toContain('Network "front" not found');
  });
});

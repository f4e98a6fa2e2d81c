/**
 * Service discovery and VIP load balancing with real containers (root): busybox containers on
 * a node's bridge network play a service's tasks; a `NetworkEndpoints` table naming them (as
 * the dispatcher sends for a cluster network) is given to the node's `ServiceDiscovery`, and
 * real DNS queries and connections from the containers' namespaces show what it did (ADR 029).
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ContainerRecord, LocalContainerSpec } from '../../src/agent/containers/types.js';
import { networkEndpoints, type TestService } from '../../src/agent/lb/testing.js';
import type { NetworkEndpoints } from '../../src/store/index.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { openNetworkedHarness, spec } from './containers-harness.js';

interface Run {
  code: number;
  out: string;
}

/** Runs busybox `args` in the network namespace at `netnsPath` (bounded to 60 s). */
function inNetns(netnsPath: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'nsenter',
      [`--net=${netnsPath}`, '--', 'busybox', ...args],
      { timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

/** The IPv4 addresses in an `nslookup` answer, after the server's own lines. */
function answered(r: Run): string[] {
  const after = r.out
    .split(/\nName:/)
    .slice(1)
    .join('\n');
  return [...after.matchAll(/Address(?: \d+)?:\s+(\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1] ?? '');
}

const server = (cmd: string): string[] => ['sh', '-c', `trap 'exit 0' TERM; ${cmd} & wait`];

/**
 * Which hostnames answer `n` HTTP requests for /hostname to `addr` from the namespace, one
 * connection each (busybox nc: busybox 1.35's wget crashes with -T).
 */
async function whoAnswers(netnsPath: string, addr: string, n: number): Promise<string[]> {
  const get = `printf 'GET /hostname HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 3 ${addr} 80`;
  const loop = `for i in $(seq ${n}); do (${get} || echo FAILED) | tail -n 1; done`;
  const r = await inNetns(netnsPath, 'sh', '-c', loop);
  return r.out.split('\n').filter((l) => l !== '');
}

describe('service discovery and VIPs on a node (root)', () => {
  const cleanup = useCleanup();

  it('names a service and its tasks, spreads its VIP over ready tasks only, and follows changes', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'ip', 'iptables-restore', 'iptables-save', 'nsenter', 'busybox');
    const { networks, manager } = await openNetworkedHarness(cleanup);
    const front = await networks.manager.create({ name: 'front' });
    const other = await networks.manager.create({ name: 'other' });
    const start = async (over: Partial<LocalContainerSpec> & { cmd: string[] }) => {
      const rec = await manager.create(spec(over));
      await manager.start(rec.id);
      return rec;
    };
    const ipOf = (rec: ContainerRecord): string =>
      networks.manager.sandbox(rec.id)?.endpoints[0]?.address.split('/')[0] ?? '';
    const netnsOf = (rec: ContainerRecord): string => {
      const sb = networks.manager.sandbox(rec.id);
      if (sb === undefined) throw new Error(`No sandbox for ${rec.name}`);
      return networks.manager.netnsPath(sb);
    };
    const httpd = server('httpd -f -p 80 -h /etc');
    const tasks: ContainerRecord[] = [];
    for (const name of ['w1', 'w2', 'w3', 'w4']) {
      tasks.push(await start({ name, hostname: name, cmd: httpd, networkMode: 'front' }));
    }
    const idle = server('sleep 600');
    const client = await start({ name: 'cl', cmd: idle, networkMode: 'front' });
    const outsider = await start({ name: 'o1', cmd: idle, networkMode: 'other' });
    const [w1 = '', w2 = '', w3 = '', w4 = ''] = tasks.map(ipOf);
    const gateway = front.gateway ?? '';
    // The VIP: the subnet's last host address, which the node's IPAM (next-fit) has not given.
    const vip = lastHost(front.subnet ?? '');
    const table = (web: readonly string[], rr: readonly string[]): NetworkEndpoints => {
      const services: TestService[] = [
        { name: 'proj_web', vip, aliases: ['web'], tasks: web },
        { name: 'proj_rr', mode: 'dnsrr', aliases: ['rr'], tasks: rr },
      ];
      return networkEndpoints(front.id, services);
    };
    // w4 runs but is not ready (failing its health check): in no answer, no rule.
    await networks.discovery.setEndpoints([table([w1, w2, w3, `${w4}!`], [w1, w2])]);

    const cl = netnsOf(client);
    const lookup = (name: string, ns = cl, via = gateway) => inNetns(ns, 'nslookup', name, via);
    expect(answered(await lookup('proj_web'))).toEqual([vip]);
    expect(answered(await lookup('web'))).toEqual([vip]);
    expect(answered(await lookup('tasks.web')).sort()).toEqual([w1, w2, w3].sort());
    expect(answered(await lookup('tasks.proj_web')).sort()).toEqual([w1, w2, w3].sort());
    expect(answered(await lookup('proj_web.2'))).toEqual([w2]);
    expect(answered(await lookup('proj_web.4'))).toEqual([]);
    expect(answered(await lookup('rr')).sort()).toEqual([w1, w2].sort());
    // Round robin: the first address of a dnsrr answer changes from one query to the next.
    const firsts = new Set<string>();
    for (let i = 0; i < 4; i++) firsts.add(answered(await lookup('proj_rr'))[0] ?? '');
    expect([...firsts].sort()).toEqual([w1, w2].sort());
    // A container on another network sees none of it, whichever gateway it asks.
    const o1 = netnsOf(outsider);
    expect(answered(await lookup('web', o1, other.gateway ?? ''))).toEqual([]);
    expect(answered(await lookup('web', o1, gateway))).toEqual([]);

    // The VIP spreads connections over the three ready tasks, never the unready one.
    const hits = await whoAnswers(cl, vip, 30);
    expect(hits).toHaveLength(30);
    expect(new Set(hits)).toEqual(new Set(['w1', 'w2', 'w3']));
    // Every port of the VIP is forwarded, and ping is answered (by one task).
    expect(await inNetns(cl, 'ping', '-c', '1', '-W', '3', vip)).toMatchObject({ code: 0 });
    // A container started now has its rules before its process runs: no retry needed.
    const once = spec({
      // No -T: busybox 1.35's wget crashes with a timeout option.
      cmd: ['wget', '-q', '-O', '-', 'http://web/hostname'],
      networkMode: 'front',
    });
    const late = await manager.create(once);
    cleanup.push(() => manager.remove(late.id, { force: true, volumes: true }));
    await manager.start(late.id);
    expect((await manager.wait(late.id)).exitCode).toBe(0);

    // w3 goes (its task was killed): names and rules follow within 2 s of the update.
    const t0 = performance.now();
    await networks.discovery.setEndpoints([table([w1, w2], [w1])]);
    const appliedMs = performance.now() - t0;
    console.info(
      `endpoints update applied to DNS and the namespaces in ${appliedMs.toFixed(0)} ms`,
    );
    expect(appliedMs).toBeLessThan(2000);
    expect(answered(await lookup('tasks.web')).sort()).toEqual([w1, w2].sort());
    expect(answered(await lookup('rr'))).toEqual([w1]);
    expect(new Set(await whoAnswers(cl, vip, 20))).toEqual(new Set(['w1', 'w2']));

    // No ready task: the VIP still resolves, and connections are refused at once.
    await networks.discovery.setEndpoints([table([`${w1}!`], [])]);
    expect(answered(await lookup('web'))).toEqual([vip]);
    const refused = await inNetns(cl, 'nc', '-w', '3', vip, '80');
    expect(refused.out).toMatch(/refused/i);

    // The network's endpoints go: no chain is left in any container.
    await networks.discovery.setEndpoints([]);
    for (const rec of [...tasks, client, outsider]) {
      const saved = await inNetns(netnsOf(rec), 'sh', '-c', 'iptables-save');
      expect(saved.out).not.toMatch(/-VIP/);
    }
    expect(answered(await lookup('web'))).toEqual([]);
  });
});

/** `a.b.c.d/len` → its last host address (broadcast - 1). */
function lastHost(subnet: string): string {
  const [addr = '', len = '32'] = subnet.split('/');
  const n = addr.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  const last = n + 2 ** (32 - Number(len)) - 2;
  return [24, 16, 8, 0].map((shift) => Math.floor(last / 2 ** shift) % 256).join('.');
}

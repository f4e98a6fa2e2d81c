import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostNet, type CommandRunner } from '../../net/index.js';
import { TsorchError, type ErrorCode } from '../../util/errors.js';
import { createLogger } from '../../util/log.js';
import { NetworkManager } from './manager.js';

// The kernel adapter over a recording runner (its designed seam, as src/net's tests use):
// these tests are about the manager's checks, records and IPAM, not the kernel.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function recorder(): { runner: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    runner: {
      run(file, args, options = {}) {
        calls.push([file, ...args, options.stdin ?? ''].join(' ').trim());
        return Promise.resolve('');
      },
    },
  };
}

async function open(root?: string): Promise<{ m: NetworkManager; calls: string[]; root: string }> {
  const dir = root ?? mkdtempSync(join(tmpdir(), 'tsorch-netm-'));
  if (root === undefined) dirs.push(dir);
  const { runner, calls } = recorder();
  const net = new HostNet({ runner, chainPrefix: 'TSTEST', writeSysctl: () => Promise.resolve() });
  const log = createLogger({ level: 'error', write: () => undefined });
  const m = await NetworkManager.open({ root: dir, net, log, defaultBridge: 'tstest0' });
  return { m, calls, root: dir };
}

/** The error code `p` fails with, or a description of what else happened. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof TsorchError ? err.code : String(err);
  }
}

const c1 = { id: 'a'.repeat(64), name: 'one', hostname: 'one' };
const c2 = { id: 'b'.repeat(64), name: 'two', hostname: 'two' };

describe('NetworkManager', () => {
  it('open() makes the predefined networks once; the default bridge gets 172.17.0.0/16', async () => {
    const { m, root } = await open();
    expect(m.list().map((n) => [n.name, n.driver, n.predefined])).toEqual([
      ['bridge', 'bridge', true],
      ['host', 'host', true],
      ['none', 'null', true],
    ]);
    expect(m.get('bridge')).toMatchObject({
      bridge: 'tstest0',
      subnet: '172.17.0.0/16',
      gateway: '172.17.0.1',
    });
    const again = await open(root);
    expect(again.m.list().map((n) => n.id)).toEqual(m.list().map((n) => n.id));
  });

  it('attachContainer() gives eth0, eth1 addresses, MACs and the default route on the first network', async () => {
    const { m, calls } = await open();
    await m.create({ name: 'front', subnet: '10.77.0.0/24' });
    const sb = await m.attachContainer(
      c1,
      [{ network: 'front', aliases: ['www'] }, { network: 'bridge' }],
      [],
    );
    expect(sb?.endpoints.map((e) => [e.ifName, e.address, e.mac, e.aliases])).toEqual([
      ['eth0', '10.77.0.2/24', '02:42:0a:4d:00:02', ['www']],
      ['eth1', '172.17.0.2/16', '02:42:ac:11:00:02', []],
    ]);
    const inner = calls.filter((c) => c.startsWith('nsenter'));
    expect(inner[0]).toContain('route add default via 10.77.0.1');
    expect(inner[1]).not.toContain('route add default');
  });

  it('records survive a restart: addresses stay held', async () => {
    const { m, root } = await open();
    await m.create({ name: 'front', subnet: '10.77.0.0/24' });
    await m.attachContainer(c1, [{ network: 'front' }], []);
    const again = (await open(root)).m;
    const sb = await again.attachContainer(c2, [{ network: 'front' }], []);
    expect(sb?.endpoints[0]?.address).toBe('10.77.0.3/24');
    expect(
      again
        .get('front')
        .containers.map((c) => c.name)
        .sort(),
    ).toEqual(['one', 'two']);
  });

  it.each<[string, (m: NetworkManager) => Promise<unknown>, ErrorCode]>([
    ['a second network of the same name', (m) => m.create({ name: 'front' }), 'ALREADY_EXISTS'],
    [
      'a subnet overlapping another network',
      (m) => m.create({ name: 'x', subnet: '10.77.0.128/25' }),
      'NET_ADDRESS_CONFLICT',
    ],
    [
      'a subnet with host bits',
      (m) => m.create({ name: 'x', subnet: '10.78.0.1/24' }),
      'INVALID_ARGUMENT',
    ],
    ['removing a predefined network', (m) => m.remove('bridge'), 'FAILED_PRECONDITION'],
    ['removing an unknown network', (m) => m.remove('nope'), 'NET_NOT_FOUND'],
    ['removing a network in use', (m) => m.remove('front'), 'NET_IN_USE'],
    [
      '--ip on the default bridge',
      (m) => m.attachContainer(c2, [{ network: 'bridge', ipv4Address: '172.17.0.9' }], []),
      'INVALID_ARGUMENT',
    ],
    [
      '--ip outside the subnet',
      (m) => m.attachContainer(c2, [{ network: 'front', ipv4Address: '10.9.9.9' }], []),
      'INVALID_ARGUMENT',
    ],
    [
      '--ip held by another container',
      (m) => m.attachContainer(c2, [{ network: 'front', ipv4Address: '10.77.0.2' }], []),
      'NET_ADDRESS_CONFLICT',
    ],
    [
      'a multicast --mac-address',
      (m) => m.attachContainer(c2, [{ network: 'front', macAddress: '01:00:5e:00:00:01' }], []),
      'INVALID_ARGUMENT',
    ],
    [
      'an unknown network',
      (m) => m.attachContainer(c2, [{ network: 'nope' }], []),
      'NET_NOT_FOUND',
    ],
    [
      'none beside another network',
      (m) => m.attachContainer(c2, [{ network: 'none' }, { network: 'front' }], []),
      'INVALID_ARGUMENT',
    ],
    [
      '-p on the none network',
      (m) => m.attachContainer(c2, [{ network: 'none' }], ['8080:80']),
      'INVALID_ARGUMENT',
    ],
    [
      '-p from an internal network only',
      (m) => m.attachContainer(c2, [{ network: 'inner' }], ['8080:80']),
      'INVALID_ARGUMENT',
    ],
    [
      'a bad alias',
      (m) => m.attachContainer(c2, [{ network: 'front', aliases: ['a b'] }], []),
      'INVALID_ARGUMENT',
    ],
    [
      'connecting a container without a sandbox',
      (m) => m.connect('front', c2, { network: 'front' }),
      'FAILED_PRECONDITION',
    ],
    [
      'connecting twice',
      (m) => m.connect('front', c1, { network: 'front' }),
      'FAILED_PRECONDITION',
    ],
    [
      'disconnecting from a network it is not on',
      (m) => m.disconnect('inner', c1),
      'FAILED_PRECONDITION',
    ],
  ])('refuses %s', async (_name, call, code) => {
    const { m } = await open();
    await m.create({ name: 'front', subnet: '10.77.0.0/24' });
    await m.create({ name: 'inner', internal: true });
    await m.attachContainer(c1, [{ network: 'front', ipv4Address: '10.77.0.2' }], []);
    expect(await codeOf(call(m))).toBe(code);
    // A refused attach leaves no sandbox and holds no address.
    expect(m.sandbox(c2.id)).toBeUndefined();
  });

  it('a port conflict is reported before anything changes', async () => {
    const { m, calls } = await open();
    await m.attachContainer(c1, [{ network: 'bridge' }], ['127.0.0.1::80']);
    const chosen = m.sandbox(c1.id)?.ports[0]?.hostPort ?? 0;
    expect(chosen).toBeGreaterThanOrEqual(49153);
    const before = calls.length;
    const err = m.attachContainer(c2, [{ network: 'bridge' }], [`${chosen}:80`]);
    expect(await codeOf(err)).toBe('NET_PORT_CONFLICT');
    expect(calls.length).toBe(before);
  });

  it('detachContainer() frees the address for the next container (after the range went round)', async () => {
    const { m } = await open();
    await m.create({ name: 'tiny', subnet: '10.79.0.0/30' });
    await m.attachContainer(c1, [{ network: 'tiny' }], []);
    expect(await codeOf(m.attachContainer(c2, [{ network: 'tiny' }], []))).toBe('NET_FAILED');
    await m.detachContainer(c1.id);
    const sb = await m.attachContainer(c2, [{ network: 'tiny' }], []);
    expect(sb?.endpoints[0]?.address).toBe('10.79.0.2/30');
  });
});

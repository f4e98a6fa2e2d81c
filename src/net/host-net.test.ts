import { describe, expect, it } from 'vitest';
import type { CommandRunner, RunOptions } from './exec.js';
import { NetError } from './errors.js';
import { HostNet, pidNetnsPath } from './host-net.js';

interface Call {
  argv: string[];
  stdin: string | undefined;
}

/** Records each command; answers from `outputs` by the joined argv, '' otherwise. */
function recorder(outputs: Record<string, string> = {}): { runner: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const runner: CommandRunner = {
    run(file: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
      const argv = [file, ...args];
      calls.push({ argv, stdin: options.stdin });
      return Promise.resolve(outputs[argv.join(' ')] ?? '');
    },
  };
  return { runner, calls };
}

describe('HostNet', () => {
  it('attachVeth() runs two processes: a host batch and a batch inside the namespace', async () => {
    const { runner, calls } = recorder();
    await new HostNet({ runner }).attachVeth({
      hostName: 'tsv1',
      netnsPath: pidNetnsPath(42),
      bridge: 'tsb1',
      address: '10.0.0.2/20',
      gateway: '10.0.0.1',
    });
    expect(calls.map((c) => c.argv)).toEqual([
      ['ip', '-b', '-'],
      ['nsenter', '--net=/proc/42/ns/net', '--', 'ip', '-batch', '-'],
    ]);
    expect(calls[1]?.stdin).toContain('route add default via 10.0.0.1\n');
  });

  it('attachVeth() deletes the pair when the inside cannot be configured', async () => {
    const calls: string[] = [];
    const runner: CommandRunner = {
      run(file, args, options = {}) {
        calls.push(`${[file, ...args].join(' ')} <<< ${options.stdin ?? ''}`.trim());
        if (file === 'nsenter') return Promise.reject(new NetError('Network command failed'));
        return Promise.resolve('');
      },
    };
    const attach = new HostNet({ runner }).attachVeth({
      hostName: 'tsv1',
      netnsPath: '/run/netns/tsn1',
      address: '10.0.0.2/20',
    });
    await expect(attach).rejects.toThrow('Network command failed');
    expect(calls.at(-1)).toBe('ip -batch - <<< link del tsv1');
  });

  it('createBridge() inside a namespace goes through nsenter, never ip netns exec', async () => {
    const { runner, calls } = recorder();
    await new HostNet({ runner }).createBridge({ name: 'tsb1' }, { netnsPath: '/run/netns/tsn1' });
    expect(calls[0]?.argv.slice(0, 2)).toEqual(['nsenter', '--net=/run/netns/tsn1']);
  });

  it('deleteLinks() deletes only links that exist, in one batch', async () => {
    const links = JSON.stringify([{ ifname: 'lo' }, { ifname: 'tsb1' }, { ifname: 'tsv1' }]);
    const { runner, calls } = recorder({ 'ip -j link show': links });
    await new HostNet({ runner }).deleteLinks(['tsb1', 'tsgone', 'tsv1']);
    expect(calls.at(-1)?.stdin).toBe('link del tsb1\nlink del tsv1\n');
  });

  it('removeLeftovers() removes prefixed links and namespaces not kept', async () => {
    const { runner, calls } = recorder({
      'ip -j link show': JSON.stringify([
        { ifname: 'eth0' },
        { ifname: 'tsb1' },
        { ifname: 'tsb2' },
      ]),
      'ip -j netns list': JSON.stringify([{ name: 'tsn1' }, { name: 'other' }]),
    });
    const removed = await new HostNet({ runner }).removeLeftovers({ links: ['tsb2'] });
    expect(removed).toEqual({ links: ['tsb1'], netns: ['tsn1'] });
    expect(calls.map((c) => c.stdin).filter(Boolean)).toEqual([
      'link del tsb1\n',
      'netns del tsn1\n',
    ]);
  });

  it('applyRules() reads each table and restores it atomically with --noflush', async () => {
    const { runner, calls } = recorder({
      'iptables-save -t filter':
        '*filter\n:TST-FORWARD - [0:0]\n-A FORWARD -j TST-FORWARD\nCOMMIT\n',
    });
    await new HostNet({ runner, chainPrefix: 'TST' }).applyRules([
      { bridge: 'tsb1', subnet: '10.0.0.0/20', internal: false },
    ]);
    expect(calls.map((c) => c.argv.join(' '))).toEqual([
      'iptables-save -t filter',
      'iptables-restore --noflush',
      'iptables-save -t nat',
      'iptables-restore --noflush',
    ]);
    expect(calls[1]?.stdin).toContain('-D FORWARD -j TST-FORWARD\n');
    expect(calls[3]?.stdin).toContain('-A TST-POSTROUTING -s 10.0.0.0/20 ! -o tsb1 -j MASQUERADE');
  });

  it('listPeers() reads static FDB entries with a destination and permanent neighbours', async () => {
    const { runner } = recorder({
      'bridge -j fdb show dev tsx1': JSON.stringify([
        { mac: '02:42:0a:00:01:03', dst: '192.0.2.3', flags: ['self'], state: 'permanent' },
        { mac: 'aa:bb:cc:dd:ee:ff', master: 'tso1', state: 'permanent' },
      ]),
      'ip -j -4 neigh show dev tsx1': JSON.stringify([
        { dst: '10.0.1.3', lladdr: '02:42:0a:00:01:03', state: ['PERMANENT'] },
        { dst: '10.0.1.9', lladdr: '02:42:0a:00:01:09', state: ['STALE'] },
      ]),
    });
    expect(await new HostNet({ runner }).listPeers('tsx1')).toEqual({
      fdb: [{ dev: 'tsx1', mac: '02:42:0a:00:01:03', dst: '192.0.2.3' }],
      neighbors: [{ dev: 'tsx1', ip: '10.0.1.3', mac: '02:42:0a:00:01:03' }],
    });
  });

  it('deletePeers() deletes in forced batches, an entry gone already being no failure', async () => {
    const { runner, calls } = recorder();
    await new HostNet({ runner }).deletePeers({
      fdb: [{ dev: 'tsx1', mac: '02:42:0a:00:01:03', dst: '192.0.2.3' }],
      neighbors: [{ dev: 'tsx1', ip: '10.0.1.3', mac: '02:42:0a:00:01:03' }],
    });
    expect(calls).toEqual([
      {
        argv: ['bridge', '-force', '-batch', '-'],
        stdin: 'fdb del 02:42:0a:00:01:03 dev tsx1 dst 192.0.2.3 self\n',
      },
      { argv: ['ip', '-force', '-batch', '-'], stdin: 'neigh del 10.0.1.3 dev tsx1\n' },
    ]);
  });

  it('addressLink() names the interface holding an address and its MTU', async () => {
    const { runner } = recorder({
      'ip -j -4 addr show': JSON.stringify([
        { ifname: 'lo', mtu: 65536, addr_info: [{ local: '127.0.0.1' }] },
        { ifname: 'eth0', mtu: 9000, addr_info: [{ local: '192.0.2.2' }] },
      ]),
    });
    const net = new HostNet({ runner });
    expect(await net.addressLink('192.0.2.2')).toEqual({ name: 'eth0', mtu: 9000 });
    expect(await net.addressLink('192.0.2.9')).toBeUndefined();
  });

  it('applyChainSet() rewrites only the tables it is given, in the namespace it is given', async () => {
    const saved = [
      '*mangle',
      ':TSORCHMESH-MARK - [0:0]',
      ':TSORCHMESH-OLD - [0:0]',
      '-A PREROUTING -j TSORCHMESH-MARK',
      'COMMIT',
    ].join('\n');
    const at = ['nsenter', '--net=/run/netns/tsc1', '--'];
    const { runner, calls } = recorder({
      [[...at, 'iptables-save', '-t', 'mangle'].join(' ')]: saved,
    });
    await new HostNet({ runner }).applyChainSet(
      'TSORCHMESH',
      {
        mangle: {
          chains: ['TSORCHMESH-MARK'],
          rules: [],
          jumps: ['PREROUTING -j TSORCHMESH-MARK'],
        },
      },
      { netnsPath: '/run/netns/tsc1' },
    );
    expect(calls.map((c) => c.argv)).toEqual([
      [...at, 'iptables-save', '-t', 'mangle'],
      [...at, 'iptables-restore', '--noflush'],
    ]);
    expect(calls[1]?.stdin).toBe(
      [
        '*mangle',
        ':TSORCHMESH-MARK - [0:0]',
        ':TSORCHMESH-OLD - [0:0]',
        '-D PREROUTING -j TSORCHMESH-MARK',
        '-X TSORCHMESH-OLD',
        '-I PREROUTING 1 -j TSORCHMESH-MARK',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  it('setIpv4Sysctl() runs sysctl in the namespace and refuses what is no sysctl', async () => {
    const { runner, calls } = recorder();
    const net = new HostNet({ runner });
    await net.setIpv4Sysctl('conf/eth1/rp_filter', '2', { netnsPath: '/run/netns/tsc1' });
    expect(calls[0]?.argv).toEqual([
      'nsenter',
      '--net=/run/netns/tsc1',
      '--',
      'sysctl',
      '-qw',
      'net.ipv4.conf.eth1.rp_filter=2',
    ]);
    await expect(net.setIpv4Sysctl('conf/eth1 x/rp_filter', '2')).rejects.toThrow(
      'Invalid sysctl "conf/eth1 x/rp_filter=2"',
    );
    await expect(net.setIpv4Sysctl('conf/eth1/rp_filter', '2;reboot')).rejects.toThrow(NetError);
  });
});

import { describe, expect, it } from 'vitest';
import { hostsFileContent } from '../containers/spec.js';
import { hostNameservers, networkResolvConf } from './etc-files.js';
import { daemonNetNames, hostIfNameOf, macOf, netnsNameOf } from './names.js';

describe("a networked container's etc files", () => {
  it('hostsFileContent() lists each address with the hostname', () => {
    const text = hostsFileContent('web', ['172.18.0.2/16', '172.19.0.5/16']);
    expect(text).toContain('127.0.0.1\tlocalhost\n');
    expect(text).toContain('172.18.0.2\tweb\n172.19.0.5\tweb\n');
    expect(text).not.toContain('127.0.1.1');
  });

  it('networkResolvConf() points at the resolver and keeps search and options', () => {
    const host = 'nameserver 127.0.0.53\nsearch example.com\noptions edns0 trust-ad\n';
    expect(networkResolvConf(host, '172.18.0.1')).toBe(
      'nameserver 172.18.0.1\nsearch example.com\noptions edns0 trust-ad\n',
    );
  });

  it('hostNameservers() keeps loopback servers: the resolver reaches them from the host', () => {
    expect(hostNameservers('nameserver 127.0.0.53\nnameserver 10.0.0.2\nnameserver ::1\n')).toEqual(
      ['127.0.0.53', '10.0.0.2'],
    );
  });
});

describe('kernel object names', () => {
  const id = 'abcdef0123456789'.repeat(4);

  it('fit IFNAMSIZ and start with ts', () => {
    for (const name of [
      netnsNameOf(id),
      hostIfNameOf(id, 35),
      daemonNetNames('/tmp/x', '/var/lib/tsorch').bridge,
    ]) {
      expect(name.length).toBeLessThanOrEqual(15);
      expect(name.startsWith('ts')).toBe(true);
    }
  });

  it('daemonNetNames() keeps tsorch0 and TSORCH for the default root only', () => {
    expect(daemonNetNames('/var/lib/tsorch', '/var/lib/tsorch')).toEqual({
      bridge: 'tsorch0',
      chainPrefix: 'TSORCH',
    });
    const other = daemonNetNames('/tmp/t1', '/var/lib/tsorch');
    expect(other.chainPrefix).toMatch(/^TS[0-9A-F]{6}$/);
    expect(other).not.toEqual(daemonNetNames('/tmp/t2', '/var/lib/tsorch'));
  });

  it("macOf() derives docker's MAC from the address", () => {
    expect(macOf('172.17.0.2/16')).toBe('02:42:ac:11:00:02');
  });
});

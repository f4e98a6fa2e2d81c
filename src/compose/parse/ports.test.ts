import { describe, expect, it } from 'vitest';
import { parsePortSpec } from './ports.js';

describe('parsePortSpec()', () => {
  it.each([
    ['80', [{ mode: 'ingress', target: 80, protocol: 'tcp' }]],
    ['8080:80', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
    [
      '127.0.0.1:8080:80/udp',
      [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'udp' }],
    ],
    [
      '[::1]:53:53/udp',
      [{ mode: 'ingress', host_ip: '::1', target: 53, published: '53', protocol: 'udp' }],
    ],
    ['127.0.0.1::80', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, protocol: 'tcp' }]],
    ['8000-8010:80', [{ mode: 'ingress', target: 80, published: '8000-8010', protocol: 'tcp' }]],
    [
      '1-2/sctp',
      [
        { mode: 'ingress', target: 1, protocol: 'sctp' },
        { mode: 'ingress', target: 2, protocol: 'sctp' },
      ],
    ],
    [
      '9090-9091:8080-8081',
      [
        { mode: 'ingress', target: 8080, published: '9090', protocol: 'tcp' },
        { mode: 'ingress', target: 8081, published: '9091', protocol: 'tcp' },
      ],
    ],
  ])('parses %s', (spec, expected) => {
    expect(parsePortSpec(spec)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      '80:x',
      'Cannot parse port "80:x": container port must be a number or a range such as "8000-8010", not "x"',
    ],
    ['0', 'Cannot parse port "0": container port must be between 1 and 65535, not "0"'],
    ['80/icmp', 'Cannot parse port "80/icmp": protocol must be tcp, udp or sctp, not "icmp"'],
    ['5-3', 'Cannot parse port "5-3": container port range "5-3" ends before it starts'],
    [
      '1-2:3-5',
      'Cannot parse port "1-2:3-5": the published range has 2 ports but the container range has 3',
    ],
    [
      '1:2:3:4',
      'Cannot parse port "1:2:3:4": too many colons; use "[addr]:published:target" for IPv6 addresses',
    ],
    ['8080:', 'Cannot parse port "8080:": container port is missing'],
    [
      '[::1:80',
      'Cannot parse port "[::1:80": an IPv6 host address must be written as "[addr]:published:target"',
    ],
  ])('rejects %s', (spec, message) => {
    expect(parsePortSpec(spec)).toEqual({ ok: false, message });
  });
});

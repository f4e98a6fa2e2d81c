import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { checkPortConflicts, formatMapping, parsePublish, portsClash } from './ports.js';

describe('parsePublish()', () => {
  it.each([
    ['80', [{ proto: 'tcp', hostPort: 0, containerPort: 80 }]],
    ['8080:80', [{ proto: 'tcp', hostPort: 8080, containerPort: 80 }]],
    [
      '127.0.0.1:5353:53/udp',
      [{ proto: 'udp', hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53 }],
    ],
    ['0.0.0.0:8080:80', [{ proto: 'tcp', hostPort: 8080, containerPort: 80 }]],
    ['127.0.0.1::80', [{ proto: 'tcp', hostIp: '127.0.0.1', hostPort: 0, containerPort: 80 }]],
    [
      '8000-8001:80-81',
      [
        { proto: 'tcp', hostPort: 8000, containerPort: 80 },
        { proto: 'tcp', hostPort: 8001, containerPort: 81 },
      ],
    ],
  ])('parses "%s"', (spec, want) => {
    expect(parsePublish(spec)).toEqual(want);
  });

  it.each([
    ['8080:80/sctp', 'protocol "sctp" is not tcp or udp'],
    ['x:80', 'host port "x" is not a port or a range'],
    ['8080:0', 'container port "0" must lie within 1-65535'],
    ['1.2.3:8080:80', 'host address "1.2.3" is not an IPv4 address'],
    ['8000-8002:80-81', 'the host range has 3 ports, the container range 2'],
    ['1-2000:1-2000', 'a range may hold at most 1000 ports'],
    ['::1:80:80', 'too many colons'],
  ])('refuses "%s" naming the problem', (spec, message) => {
    let err: unknown;
    try {
      parsePublish(spec);
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toContain(message);
  });
});

describe('port conflicts', () => {
  const tcp8080 = { proto: 'tcp' as const, hostPort: 8080, containerPort: 80 };

  it('portsClash() treats an unbound address as every address', () => {
    expect(portsClash(tcp8080, { ...tcp8080, hostIp: '127.0.0.1' })).toBe(true);
    expect(
      portsClash({ ...tcp8080, hostIp: '127.0.0.2' }, { ...tcp8080, hostIp: '127.0.0.1' }),
    ).toBe(false);
    expect(portsClash(tcp8080, { ...tcp8080, proto: 'udp' })).toBe(false);
  });

  it('checkPortConflicts() names the container holding the port', () => {
    expect(() => checkPortConflicts([tcp8080], [{ owner: 'web', port: tcp8080 }])).toThrow(
      'Cannot publish port 0.0.0.0:8080/tcp: container "web" already publishes it',
    );
  });

  it('checkPortConflicts() refuses a port listed twice and lets chosen ports (0) pass', () => {
    expect(() => checkPortConflicts([tcp8080, tcp8080], [])).toThrow('it is listed twice');
    const zero = { ...tcp8080, hostPort: 0 };
    expect(() => checkPortConflicts([zero, zero], [{ owner: 'web', port: zero }])).not.toThrow();
  });

  it('formatMapping() prints as docker ps does', () => {
    expect(formatMapping(tcp8080)).toBe('0.0.0.0:8080->80/tcp');
  });
});

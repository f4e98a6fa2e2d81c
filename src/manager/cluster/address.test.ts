import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { formatHostPort, isUnspecified, parseHostPort } from './address.js';
import { hostOf } from './objects.js';

describe('parseHostPort()', () => {
  it.each([
    ['10.0.0.1', { host: '10.0.0.1', port: 2377 }],
    ['10.0.0.1:4000', { host: '10.0.0.1', port: 4000 }],
    ['manager-1', { host: 'manager-1', port: 2377 }],
    ['[::1]:2378', { host: '::1', port: 2378 }],
    ['[fe80::1]', { host: 'fe80::1', port: 2377 }],
  ])('reads %s', (text, expected) => {
    expect(parseHostPort(text, '--listen-addr')).toEqual(expected);
  });

  it.each([
    ['', 'empty address'],
    ['10.0.0.1:0', 'port must be 1-65535'],
    ['10.0.0.1:70000', 'port must be 1-65535'],
    ['10.0.0.1:x', 'port must be 1-65535'],
    ['::1', 'write an IPv6 address in brackets'],
    [':2377', 'not a host name or IP address'],
    ['a/b', 'not a host name or IP address'],
  ])('refuses %j naming the flag: %s', (text, why) => {
    let err: unknown;
    try {
      parseHostPort(text, '--advertise-addr');
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toBe(
      `Invalid value for --advertise-addr: "${text}": ${why}${why.startsWith('write') ? ', e.g. [::1]:2377' : ''}`,
    );
  });

  it('takes the default port it is given', () => {
    expect(parseHostPort('h', 'x', 7946)).toEqual({ host: 'h', port: 7946 });
  });
});

describe('formatHostPort(), isUnspecified(), hostOf()', () => {
  it('round-trips IPv4 and IPv6', () => {
    expect(formatHostPort({ host: '1.2.3.4', port: 5 })).toBe('1.2.3.4:5');
    expect(formatHostPort({ host: '::1', port: 5 })).toBe('[::1]:5');
    expect(hostOf('1.2.3.4:5')).toBe('1.2.3.4');
    expect(hostOf('[::1]:5')).toBe('::1');
  });
  it('knows the unspecified addresses', () => {
    expect(['0.0.0.0', '::', '', '10.0.0.1'].map(isUnspecified)).toEqual([true, true, true, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkDriverOptions, checkNetworkName, mtuOption } from './config.js';

describe('network create checks', () => {
  it.each([
    ['a bad name', () => checkNetworkName('-net'), 'Invalid network name "-net"'],
    [
      'an overlay driver',
      () => checkDriverOptions({ name: 'n', driver: 'overlay' }),
      'only "bridge"',
    ],
    [
      'an unknown option',
      () => checkDriverOptions({ name: 'n', options: { foo: '1' } }),
      'Unsupported network option "foo"',
    ],
    [
      'a bad MTU',
      () => checkDriverOptions({ name: 'n', options: { [mtuOption]: '9' } }),
      'expected an integer in 68..65535',
    ],
    [
      'a gateway without a subnet',
      () => checkDriverOptions({ name: 'n', gateway: '10.1.0.1' }),
      'it needs --subnet',
    ],
  ])('refuses %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('checkDriverOptions() returns the MTU', () => {
    expect(checkDriverOptions({ name: 'n', options: { [mtuOption]: '1400' } })).toEqual({
      mtu: 1400,
    });
  });
});

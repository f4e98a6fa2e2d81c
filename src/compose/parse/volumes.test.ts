import { describe, expect, it } from 'vitest';
import { cleanPath, parseVolumeSpec } from './volumes.js';

describe('parseVolumeSpec()', () => {
  it.each([
    ['/data', { type: 'volume', target: '/data', volume: {} }],
    ['db:/var/lib/db', { type: 'volume', source: 'db', target: '/var/lib/db', volume: {} }],
    ['db:/x:nocopy', { type: 'volume', source: 'db', target: '/x', volume: { nocopy: true } }],
    [
      './src:/app:ro',
      {
        type: 'bind',
        source: './src',
        target: '/app',
        read_only: true,
        bind: { create_host_path: true },
      },
    ],
    [
      '~/c:/c:z,rshared',
      {
        type: 'bind',
        source: '~/c',
        target: '/c',
        bind: { selinux: 'z', propagation: 'rshared', create_host_path: true },
      },
    ],
    ['/h:/c/:rw', { type: 'bind', source: '/h', target: '/c', bind: { create_host_path: true } }],
  ])('parses %s', (spec, volume) => {
    expect(parseVolumeSpec(spec)).toEqual({ ok: true, volume });
  });

  it.each([
    ['', 'Cannot parse volume "": empty volume'],
    ['a::b', 'Cannot parse volume "a::b": empty section between colons'],
    ['a:b:c:d', 'Cannot parse volume "a:b:c:d": too many colons; expected "source:target:options"'],
  ])('rejects %j', (spec, message) => {
    expect(parseVolumeSpec(spec)).toEqual({ ok: false, message });
  });

  it('cleans container paths like Go path.Clean', () => {
    expect(cleanPath('/a//b/../c/')).toBe('/a/c');
    expect(cleanPath('a/./b')).toBe('a/b');
  });
});

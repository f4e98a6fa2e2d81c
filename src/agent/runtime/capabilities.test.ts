import { describe, expect, it } from 'vitest';
import {
  allCapabilities,
  capabilitiesOfMask,
  defaultCapabilities,
  normalizeCapability,
  resolveCapabilities,
} from './capabilities.js';

describe('resolveCapabilities()', () => {
  it('gives Docker default 14 capabilities', () => {
    const caps = resolveCapabilities({});
    expect(caps).toHaveLength(14);
    expect(new Set(caps)).toEqual(new Set(defaultCapabilities));
  });

  it('adds and drops, with an added capability winning over a drop', () => {
    const caps = resolveCapabilities({
      capAdd: ['net_admin', 'CHOWN'],
      capDrop: ['chown', 'MKNOD'],
    });
    expect(caps).toContain('CAP_NET_ADMIN');
    expect(caps).toContain('CAP_CHOWN');
    expect(caps).not.toContain('CAP_MKNOD');
  });

  it('supports ALL in cap-add (minus drops) and in cap-drop (only adds)', () => {
    const all = resolveCapabilities({ capAdd: ['ALL'], capDrop: ['SYS_ADMIN'] });
    expect(all).toHaveLength(allCapabilities.length - 1);
    expect(all).not.toContain('CAP_SYS_ADMIN');
    expect(resolveCapabilities({ capDrop: ['all'], capAdd: ['NET_BIND_SERVICE'] })).toEqual([
      'CAP_NET_BIND_SERVICE',
    ]);
    expect(resolveCapabilities({ capDrop: ['ALL'] })).toEqual([]);
  });

  it('gives privileged containers everything, in kernel order', () => {
    expect(resolveCapabilities({ privileged: true, capDrop: ['ALL'] })).toEqual(allCapabilities);
  });

  // The bounding set of a host without CAP_SYS_RESOURCE (bit 24), as some CI hosts have.
  const hostSet = capabilitiesOfMask('000001fffeffffff');

  it('reads a CapBnd mask into names', () => {
    expect(hostSet).toHaveLength(allCapabilities.length - 1);
    expect(hostSet).not.toContain('CAP_SYS_RESOURCE');
    expect(capabilitiesOfMask('0000000000000003')).toEqual(['CAP_CHOWN', 'CAP_DAC_OVERRIDE']);
  });

  it('grants privileged and ALL only what the host allows', () => {
    expect(resolveCapabilities({ privileged: true, available: hostSet })).toEqual(hostSet);
    expect(resolveCapabilities({ capAdd: ['ALL'], available: hostSet })).toEqual(hostSet);
  });

  it('refuses a named capability the host lacks', () => {
    expect(() => resolveCapabilities({ capAdd: ['SYS_RESOURCE'], available: hostSet })).toThrow(
      'Cannot add capability "CAP_SYS_RESOURCE": this host\'s capability bounding set lacks it',
    );
  });

  it('rejects unknown capabilities, naming the field', () => {
    expect(() => normalizeCapability('WARP_DRIVE', 'capAdd')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'capAdd' } }),
    );
  });
});

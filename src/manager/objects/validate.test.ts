import { describe, expect, it } from 'vitest';
import type { Network, NetworkSpec } from '../../store/index.js';
import { makeNetwork } from '../../store/testing.js';
import { storeSecretDataMaxBytes } from '../../util/limits.js';
import { ingressNetworkSpec } from './ingress.js';
import {
  ENCRYPTED_OVERLAY_REFUSAL,
  fileObjectIssues,
  networkSpecIssues,
  volumeSpecIssues,
} from './validate.js';

const overlay = (over: Partial<NetworkSpec> = {}): NetworkSpec => ({
  name: 'backend',
  labels: {},
  driver: 'overlay',
  ipam: [],
  attachable: false,
  internal: false,
  ipv6: false,
  ingress: false,
  ...over,
});

const stored = (id: string, name: string, over: Partial<Network> = {}): Network => ({
  ...makeNetwork(id, name),
  meta: { version: 1, createdAt: '', updatedAt: '' },
  ...over,
});

describe('networkSpecIssues()', () => {
  it('accepts an overlay network with or without a subnet of its own, and a bridge one', () => {
    expect(networkSpecIssues(overlay(), {}, [])).toEqual([]);
    expect(networkSpecIssues(overlay({ driver: 'bridge' }), {}, [])).toEqual([]);
    expect(
      networkSpecIssues(
        overlay({
          ipam: [{ subnet: '10.9.0.0/24', gateway: '10.9.0.254', ipRange: '10.9.0.0/25' }],
        }),
        {},
        [stored('n1', 'other')],
      ),
    ).toEqual([]);
  });

  it.each([
    ['an empty name', overlay({ name: '' }), {}, 'spec.name', /must not be empty/],
    ['a bad name', overlay({ name: '-x' }), {}, 'spec.name', /not a valid name/],
    ['a long name', overlay({ name: 'a'.repeat(64) }), {}, 'spec.name', /at most 63/],
    [
      'the macvlan driver',
      overlay({ driver: 'macvlan' as 'overlay' }),
      {},
      'spec.driver',
      /must be "overlay" \(or "bridge", local to each node\), not "macvlan"/,
    ],
    [
      'a bridge ingress network',
      overlay({ driver: 'bridge', ingress: true }),
      {},
      'spec.driver',
      /ingress network must be "overlay"/,
    ],
    [
      'an encrypted overlay',
      overlay(),
      { encrypted: '' },
      'options.encrypted',
      new RegExp(ENCRYPTED_OVERLAY_REFUSAL.slice(0, 40)),
    ],
    ['an unknown option', overlay(), { mtu: '1400' }, 'options.mtu', /unknown overlay driver/],
    ['IPv6', overlay({ ipv6: true }), {}, 'spec.ipv6', /not supported/],
    [
      'two subnets',
      overlay({ ipam: [{ subnet: '10.9.0.0/24' }, { subnet: '10.8.0.0/24' }] }),
      {},
      'spec.ipam',
      /one IPv4 subnet/,
    ],
    [
      'a subnet with host bits',
      overlay({ ipam: [{ subnet: '10.9.0.1/24' }] }),
      {},
      'spec.ipam[0].subnet',
      /host bits set/,
    ],
    [
      'a subnet that is no subnet',
      overlay({ ipam: [{ subnet: '10.9.0/24' }] }),
      {},
      'spec.ipam[0].subnet',
      /not an IPv4 subnet/,
    ],
    [
      'a gateway outside the subnet',
      overlay({ ipam: [{ subnet: '10.9.0.0/24', gateway: '10.8.0.1' }] }),
      {},
      'spec.ipam[0].gateway',
      /not a host address/,
    ],
    [
      'an IP range outside the subnet',
      overlay({ ipam: [{ subnet: '10.9.0.0/24', ipRange: '10.8.0.0/25' }] }),
      {},
      'spec.ipam[0].ipRange',
      /not inside/,
    ],
    [
      'a gateway without a subnet',
      overlay({ ipam: [{ subnet: '', gateway: '10.8.0.1' }] }),
      {},
      'spec.ipam[0].subnet',
      /must be given/,
    ],
    [
      'an internal ingress network',
      overlay({ ingress: true, internal: true }),
      {},
      'spec.internal',
      /ingress network cannot be internal/,
    ],
  ] as const)('refuses %s, naming the field', (_name, spec, options, field, message) => {
    const issues = networkSpecIssues(spec, options, []);
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message).toMatch(message);
  });

  it('refuses a subnet that overlaps one of a stored network, naming it', () => {
    const issues = networkSpecIssues(overlay({ ipam: [{ subnet: '10.0.1.128/25' }] }), {}, [
      stored('n1', 'front'),
    ]);
    expect(issues.map((i) => i.field)).toEqual(['spec.ipam[0].subnet']);
    expect(issues[0]?.message).toMatch(/overlaps .* "front"/);
  });

  it('ignores networks being removed when checking overlaps', () => {
    const gone = stored('n1', 'front', { pendingDelete: true });
    expect(networkSpecIssues(overlay({ ipam: [{ subnet: '10.0.1.0/24' }] }), {}, [gone])).toEqual(
      [],
    );
  });

  it('allows one ingress network only', () => {
    const ingress = stored('i1', 'ingress', { spec: ingressNetworkSpec() });
    expect(networkSpecIssues(ingressNetworkSpec('10.1.0.0/20'), {}, [])).toEqual([]);
    const issues = networkSpecIssues({ ...ingressNetworkSpec('10.1.0.0/20'), name: 'mesh2' }, {}, [
      ingress,
    ]);
    expect(issues.map((i) => i.field)).toEqual(['spec.ingress']);
    expect(issues[0]?.message).toMatch(/already has an ingress/);
  });
});

describe('fileObjectIssues()', () => {
  const data = (n: number) => new Uint8Array(n);

  it('accepts a named payload up to the limit', () => {
    expect(
      fileObjectIssues('secret', {
        name: 'db_pw',
        labels: {},
        data: data(storeSecretDataMaxBytes),
      }),
    ).toEqual([]);
  });

  it.each([
    ['secret', 'db_pw', 0, 'spec.data', /a secret must not be empty/],
    ['config', 'site.conf', 0, 'spec.data', /a config must not be empty/],
    ['secret', 'db_pw', storeSecretDataMaxBytes + 1, 'spec.data', /at most 512000 bytes/],
    ['config', 'bad name', 1, 'spec.name', /not a valid name/],
  ] as const)('refuses a %s "%s" of %i bytes, naming %s', (kind, name, size, field, message) => {
    const issues = fileObjectIssues(kind, { name, labels: {}, data: data(size) });
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message).toMatch(message);
  });

  it('refuses an empty label key', () => {
    expect(fileObjectIssues('secret', { name: 'x', labels: { ' ': 'v' }, data: data(1) })).toEqual([
      { field: 'spec.labels', message: 'a label key must not be empty' },
    ]);
  });
});

describe('volumeSpecIssues()', () => {
  it('accepts a local volume and refuses another driver', () => {
    expect(volumeSpecIssues({ name: 'data', labels: {}, driver: 'local', driverOpts: {} })).toEqual(
      [],
    );
    expect(
      volumeSpecIssues({ name: 'data', labels: {}, driver: 'nfs' as 'local', driverOpts: {} }),
    ).toEqual([{ field: 'spec.driver', message: 'must be "local", not "nfs"' }]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIpam } from './ipam.js';
import { rebuildIpam, type IpamSnapshot } from './ipam-rebuild.js';
import type { EndpointAddress, IpamResult } from './ipam-types.js';

const networkIds = ['n0', 'n1', 'n2'] as const;
const ownerIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

type Op =
  | { kind: 'network'; net: number; prefix: number }
  | { kind: 'dropNetwork'; net: number }
  | { kind: 'task' | 'vips'; owner: number; nets: number[] }
  | { kind: 'releaseTask' | 'releaseVips'; owner: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('network' as const),
    net: fc.nat(2),
    prefix: fc.integer({ min: 28, max: 30 }),
  }),
  fc.record({ kind: fc.constant('dropNetwork' as const), net: fc.nat(2) }),
  fc.record({
    kind: fc.constantFrom('task' as const, 'vips' as const),
    owner: fc.nat(6),
    nets: fc.uniqueArray(fc.nat(2), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constantFrom('releaseTask' as const, 'releaseVips' as const),
    owner: fc.nat(6),
  }),
);

/** What the store would hold: what each owner was given, by the IPAM's own answers. */
class Model {
  readonly networks = new Map<string, { subnet: string; gateway: string; vni?: number }>();
  readonly held = new Map<string, Map<string, string>>();

  record(owner: string, result: IpamResult<EndpointAddress[]>): void {
    if (!result.ok) return;
    const mine = this.held.get(owner) ?? new Map<string, string>();
    for (const { networkId, addr } of result.value) mine.set(networkId, addr);
    this.held.set(owner, mine);
  }

  /** No address of a network is held by two owners, and none is the gateway. */
  check(): void {
    for (const [networkId, { gateway }] of this.networks) {
      const seen = new Map<string, string>();
      for (const [owner, addrs] of this.held) {
        const addr = addrs.get(networkId);
        if (addr === undefined) continue;
        expect(seen.get(addr), `${addr} held by ${owner} and ${seen.get(addr)}`).toBeUndefined();
        expect(addr.split('/')[0]).not.toBe(gateway);
        seen.set(addr, owner);
      }
    }
  }

  snapshot(): IpamSnapshot {
    const entries = [...this.held];
    return {
      networks: [...this.networks].map(([id, a]) => ({
        id,
        spec: { name: id, driver: 'overlay', ipam: [] },
        ipam: [{ subnet: a.subnet, gateway: a.gateway }],
        vni: a.vni,
      })),
      services: entries
        .filter(([owner]) => owner.startsWith('vip:'))
        .map(([owner, addrs]) => ({
          id: owner.slice(4),
          endpoint: { virtualIps: [...addrs].map(([networkId, addr]) => ({ networkId, addr })) },
        })),
      tasks: entries
        .filter(([owner]) => owner.startsWith('task:'))
        .map(([owner, addrs]) => ({
          id: owner.slice(5),
          status: { state: 'RUNNING' },
          networks: [...addrs].map(([networkId, addr]) => ({ networkId, addresses: [addr] })),
        })),
    };
  }
}

function apply(ipam: ReturnType<typeof createIpam>, model: Model, op: Op): void {
  switch (op.kind) {
    case 'network': {
      const id = networkIds[op.net] ?? 'n0';
      const subnet = `10.${op.net}.0.0/${op.prefix}`;
      const r = ipam.allocateNetwork({
        id,
        spec: { name: id, driver: 'overlay', ipam: [{ subnet }] },
      });
      if (r.ok) model.networks.set(id, r.value);
      return;
    }
    case 'dropNetwork': {
      const id = networkIds[op.net] ?? 'n0';
      const inUse = [...model.held.values()].some((addrs) => addrs.has(id));
      const r = ipam.releaseNetwork(id);
      expect(r.ok).toBe(!inUse);
      if (r.ok) model.networks.delete(id);
      return;
    }
    case 'task':
    case 'vips': {
      const id = ownerIds[op.owner] ?? 'a';
      const nets = op.nets.map((n) => networkIds[n] ?? 'n0');
      const result = op.kind === 'task' ? ipam.allocateTask(id, nets) : ipam.allocateVips(id, nets);
      const allKnown = nets.every((n) => model.networks.has(n));
      // Networks are taken in order, so a full one before an unknown one fails first.
      if (!allKnown) expect(result.ok).toBe(false);
      if (!result.ok && result.issue.code === 'address_exhausted') {
        expect(result.issue.message).toMatch(
          /^network n\d: no free address in 10\.\d\.0\.0\/\d+ \(\d+ in use\)$/,
        );
      }
      model.record(op.kind === 'task' ? `task:${id}` : `vip:${id}`, result);
      return;
    }
    case 'releaseTask':
    case 'releaseVips': {
      const id = ownerIds[op.owner] ?? 'a';
      if (op.kind === 'releaseTask') ipam.releaseTask(id);
      else ipam.releaseVips(id);
      model.held.delete(op.kind === 'releaseTask' ? `task:${id}` : `vip:${id}`);
      return;
    }
  }
}

describe('Ipam properties', () => {
  it('never gives one address to two live owners, and rebuilds to the same usage', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const ipam = createIpam();
        const model = new Model();
        for (const op of ops) {
          apply(ipam, model, op);
          model.check();
        }
        const rebuilt = rebuildIpam(model.snapshot());
        expect(rebuilt.issues).toEqual([]);
        for (const id of model.networks.keys()) {
          expect(rebuilt.ipam.usage(id)).toEqual(ipam.usage(id));
          expect(rebuilt.ipam.network(id)).toEqual(ipam.network(id));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * Containers on the node's bridge networks (root): real runc containers from busybox, real
 * bridges, veth pairs, namespaces, iptables rules and the resolver on each gateway.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ContainerManager } from '../../src/agent/containers/manager.js';
import type { LocalContainerSpec } from '../../src/agent/containers/types.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { openNetworkedHarness, spec } from './containers-harness.js';
import { forwardPolicyFor } from './net-harness.js';

/** Runs `cmd` in a new container with `over` and returns its exit code (removed after). */
async function runToExit(
  manager: ContainerManager,
  over: Partial<LocalContainerSpec> & { cmd: string[] },
): Promise<number> {
  const rec = await manager.create(spec(over));
  try {
    await manager.start(rec.id);
    return (await manager.wait(rec.id)).exitCode;
  } finally {
    await manager.remove(rec.id, { force: true, volumes: true });
  }
}

/** Tries `cmd` up to 20 times, 0.2 s apart (a server that just started may not listen yet). */
const retry = (cmd: string): string =>
  `for i in $(seq 20); do ${cmd} && exit 0; sleep 0.2; done; exit 1`;

const server = (cmd: string): string[] => ['sh', '-c', `trap 'exit 0' TERM; ${cmd} & wait`];

describe('containers on bridge networks (root)', () => {
  const cleanup = useCleanup();

  it.for(['ACCEPT', 'DROP'] as const)(
    'two containers on one network talk by name, reach out through NAT; a third network cannot see them (FORWARD policy %s)',
    async (policy, ctx) => {
      requireRoot(ctx);
      requireTool(ctx, 'runc', 'ip', 'iptables-restore', 'nsenter');
      // Docker's engine sets the policy to DROP: tsorch's own rules must let its traffic through.
      await forwardPolicyFor(cleanup, policy);
      const { networks, manager } = await openNetworkedHarness(cleanup);
      await networks.manager.create({ name: 'front' });
      await networks.manager.create({ name: 'other' });
      const web = await manager.create(
        spec({ name: 'web', cmd: server('httpd -f -p 80 -h /etc'), networkMode: 'front' }),
      );
      await manager.start(web.id);
      expect(
        await runToExit(manager, {
          cmd: ['ping', '-c', '1', '-W', '3', 'web'],
          networkMode: 'front',
        }),
      ).toBe(0);
      expect(
        await runToExit(manager, {
          cmd: ['sh', '-c', retry('wget -q -O - http://web/hostname | grep -q .')],
          networkMode: 'front',
        }),
      ).toBe(0);
      // Another network neither resolves the name nor reaches the address.
      const ip = networks.manager.sandbox(web.id)?.endpoints[0]?.address.split('/')[0] ?? '';
      expect(await runToExit(manager, { cmd: ['nslookup', 'web'], networkMode: 'other' })).not.toBe(
        0,
      );
      expect(
        await runToExit(manager, { cmd: ['ping', '-c', '1', '-W', '2', ip], networkMode: 'other' }),
      ).not.toBe(0);
      // Egress: the host's default gateway answers a container (masqueraded as the host).
      const gateway = /default via (\S+)/.exec(
        execFileSync('ip', ['route'], { encoding: 'utf8' }),
      )?.[1];
      if (gateway !== undefined) {
        const egress = ['ping', '-c', '1', '-W', '3', gateway];
        expect(await runToExit(manager, { cmd: egress, networkMode: 'front' })).toBe(0);
      }
    },
  );
});

import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { createNetnsCluster, type NetnsCluster } from '../helpers/netns-cluster.js';
import { daemonSocket, daemonSpec, nodeCli } from '../helpers/netns-daemon.js';

interface VersionJson {
  client: { version: string };
  server?: { version: string; root: string };
}

async function serverRoot(node: NetnsCluster['nodes'][number]): Promise<string | undefined> {
  const res = await nodeCli(node, ['version', '--format', 'json']);
  return (JSON.parse(res.stdout) as VersionJson).server?.root;
}

describe('tsorch daemons in network namespaces', () => {
  const cleanup = useCleanup();
  let cluster: NetnsCluster;

  beforeEach(async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'nsenter', 'iptables', 'iptables-restore');
    cluster = await createNetnsCluster({ nodes: 2 });
    cleanup.push(() => cluster.destroy());
  });

  it('two daemons, each in its namespace with its own directories, answer `tsorch version` on their own socket', async () => {
    await Promise.all(cluster.nodes.map((n) => n.start(daemonSpec(n))));
    for (const node of cluster.nodes) {
      const res = await nodeCli(node, ['version', '--format', 'json']);
      expect(res.code, res.stderr).toBe(0);
      const out = JSON.parse(res.stdout) as VersionJson;
      expect(out.server?.version).toBe(out.client.version);
      expect(out.server?.root).toBe(node.stateDir);
      // The daemon behind the socket is the process the harness started in the namespace.
      expect(Number(await readFile(`${node.runDir}/tsorch.pid`, 'utf8'))).toBe(node.pid);
    }
    expect(daemonSocket(cluster.node(1))).not.toBe(daemonSocket(cluster.node(2)));
  });

  it('a daemon killed with -9 stops answering, and answers again once restarted on its state', async () => {
    const [n1, n2] = [cluster.node(1), cluster.node(2)];
    await Promise.all(cluster.nodes.map((n) => n.start(daemonSpec(n))));
    await n1.kill9();
    const down = await nodeCli(n1, ['version']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^Error: /m);
    expect(await serverRoot(n2)).toBe(n2.stateDir);
    await n1.restart();
    expect(await serverRoot(n1)).toBe(n1.stateDir);
  });
});

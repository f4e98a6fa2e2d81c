import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { singleNodeAddress, singleNodeHost, singleNodePortBase } from './single-node.js';

describe('the embedded default cluster address', () => {
  it('is a loopback address of 127.0.0.0/8 other than 127.0.0.x, the same for the same root', () => {
    for (const root of ['/var/lib/tsorch', '/tmp/a/root', '/tmp/b/root', '/']) {
      const host = singleNodeHost(root);
      expect(host).toMatch(/^127\.(\d+)\.(\d+)\.(\d+)$/);
      const [, a, b, c] = host.split('.').map(Number);
      expect(a).toBeGreaterThanOrEqual(1);
      expect(a).toBeLessThanOrEqual(254);
      expect(b).toBeLessThanOrEqual(255);
      expect(c).toBeGreaterThanOrEqual(1);
      expect(c).toBeLessThanOrEqual(254);
      expect(singleNodeHost(root)).toBe(host);
    }
    expect(singleNodeHost('/tmp/a/root')).not.toBe(singleNodeHost('/tmp/b/root'));
  });

  describe('port', () => {
    const servers: Server[] = [];
    afterEach(async () => {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      servers.length = 0;
    });

    it('takes the next port when the first one is taken on that address', async () => {
      const root = `/tmp/tsorch-single-node-${String(process.pid)}`;
      const host = singleNodeHost(root);
      const taken = createServer();
      servers.push(taken);
      const bound = await new Promise<boolean>((resolve) => {
        taken.once('error', () => resolve(false));
        taken.listen({ host, port: singleNodePortBase }, () => resolve(true));
      });
      // Linux routes all of 127.0.0.0/8 to lo: the address needs no set-up.
      expect(bound).toBe(true);
      const addr = await singleNodeAddress(root);
      const port = Number(addr.split(':')[1]);
      expect(addr.startsWith(`${host}:`)).toBe(true);
      expect(port).toBeGreaterThan(singleNodePortBase);
    });
  });
});

/**
 * examples/tiers on the embedded default: proxy, app and store find each other by name, the
 * app reads its secret, the proxy answers on its published port; an edit of the proxy
 * recreates only the proxy; down leaves nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedExample, upEditDown } from '../helpers/embedded-stack.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';

describe('tsorch up: examples/tiers', () => {
  const cleanup = useCleanup();

  it('up -d --wait, answers by name and on its port, edit, up, down', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox', 'iptables-save', 'ip');
    const stack = embeddedExample(cleanup, 'tiers');
    const token = readFileSync(join(stack.dir, 'secrets', 'api_token.txt'), 'utf8');
    await upEditDown(stack, {
      project: 'tiers',
      async probe(s) {
        // By name, inside the stack: proxy -> app -> store.
        const viaApp = await s.ok([
          'compose',
          'exec',
          'proxy',
          'wget',
          '-qO-',
          'http://app:8080/cgi-bin/hello',
        ]);
        expect(viaApp).toContain('token present');
        expect(viaApp).toContain('store says: a value from the store');
        // The secret, read-only at /run/secrets with its mode.
        expect(await s.ok(['compose', 'exec', 'app', 'cat', '/run/secrets/api_token'])).toBe(token);
        expect(
          await s.ok(['compose', 'exec', 'app', 'stat', '-c', '%a', '/run/secrets/api_token']),
        ).toBe('400\n');
        // The store is on the internal back network only: the proxy cannot resolve it.
        const isolated = await s.cli(['compose', 'exec', 'proxy', 'nslookup', 'store']);
        expect(isolated.code).not.toBe(0);
        // The published port, from the host.
        const res = await fetch('http://127.0.0.1:8080/cgi-bin/app');
        const page = await res.text();
        expect(page).toContain('token present');
        expect(page).toContain('store says: a value from the store');
      },
      edit: {
        service: 'proxy',
        from: 'interval: 2s\n      timeout: 1s\n      retries: 3\n    depends_on:\n      app:',
        to: 'interval: 3s\n      timeout: 1s\n      retries: 3\n    depends_on:\n      app:',
      },
    });
  });
});

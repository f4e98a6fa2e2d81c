/**
 * examples/web on the embedded default: the server answers the client by its service name and
 * on its published port; an edit of the client recreates only the client; down leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { embeddedExample, upEditDown } from '../helpers/embedded-stack.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';

describe('tsorch up: examples/web', () => {
  const cleanup = useCleanup();

  it('up -d --wait, answers by name and on its port, edit, up, down', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox', 'iptables-save', 'ip');
    const stack = embeddedExample(cleanup, 'web');
    await upEditDown(stack, {
      project: 'web',
      async probe(s) {
        const page = "hello from the web example's server";
        expect(
          await s.ok(['compose', 'exec', 'client', 'wget', '-qO-', 'http://server:8080/']),
        ).toContain(page);
        expect(await s.ok(['compose', 'exec', 'client', 'nslookup', 'server'])).toMatch(
          /Address:?\s+\d+\.\d+\.\d+\.\d+/,
        );
        const res = await fetch('http://127.0.0.1:8000/');
        expect(await res.text()).toContain(page);
        // The client's log shows it reached the server by name.
        expect(await s.ok(['compose', 'logs', '--tail', '20', 'client'])).toContain(page);
      },
      edit: { service: 'client', from: 'sleep 2; done', to: 'sleep 1; done' },
    });
  });
});

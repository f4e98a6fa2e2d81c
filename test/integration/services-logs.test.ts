import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { TASK_ID_LABEL } from '../../src/agent/index.js';
import type { ServiceLogsResponse__Output } from '../../src/api/gen/tsorch/v1/ServiceLogsResponse.js';
import { serviceServices } from '../../src/api/services/service.js';
import { DaemonClient } from '../../src/cli/client.js';
import { LocalProposer, Store } from '../../src/store/index.js';
import { makeNode, makeService, makeTask } from '../../src/store/testing.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { openHarness, spec } from './containers-harness.js';

describe('service logs (real runc)', () => {
  const cleanup = useCleanup();

  it('streams the logs of the tasks running here and names the tasks on other nodes', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({ cmd: ['sh', '-c', 'echo hello; echo oops >&2'], labels: { [TASK_ID_LABEL]: 't1' } }),
    );
    cleanup.push(() => h.manager.remove(rec.id, { force: true, volumes: true }));
    await h.manager.start(rec.id);
    await h.manager.wait(rec.id);

    const store = new Store();
    store.setProposer(new LocalProposer(store));
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
      tx.create('nodes', makeNode('here', 'node-a'));
      tx.create('nodes', makeNode('there', 'node-b'));
      tx.create('tasks', makeTask('t1', 's1', 1, { state: 'COMPLETE', nodeId: 'here' }));
      tx.create('tasks', makeTask('t2', 's1', 2, { state: 'RUNNING', nodeId: 'there' }));
      tx.create('tasks', makeTask('t3', 's1', 3, { state: 'PENDING' }));
    });
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-svclogs-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const server = new grpc.Server();
    for (const b of serviceServices({ store, logs: { nodeId: 'here', manager: h.manager } }))
      server.addService(b.definition, b.implementation);
    const address = `unix:${join(dir, 's.sock')}`;
    await new Promise<void>((resolve, reject) => {
      server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => {
        if (err === null) resolve();
        else reject(err);
      });
    });
    cleanup.push(() => server.forceShutdown());
    const daemon = new DaemonClient(address);
    cleanup.push(() => daemon.close());
    const client = daemon.service('services', 'Services');

    for (const follow of [false, true]) {
      const got: ServiceLogsResponse__Output[] = [];
      for await (const m of daemon.stream<ServiceLogsResponse__Output>(client, 'serviceLogs', {
        service: 'web',
        follow,
        tail: -1,
      }))
        got.push(m);
      expect(got.filter((m) => m.note !== undefined).map((m) => m.note)).toEqual([
        'Task "web.2" runs on node "node-b": its logs are on that node (run `tsorch service logs` there)',
        'Task "web.3" has no node yet: it has no logs',
      ]);
      const records = got.flatMap((m) => (m.record == null ? [] : [m.record]));
      expect(
        records.map((r) => [r.taskName, r.nodeHostname, r.stream, r.data.toString('utf8')]),
      ).toEqual([
        ['web.1', 'node-a', 'stdout', 'hello\n'],
        ['web.1', 'node-a', 'stderr', 'oops\n'],
      ]);
    }
  });
});

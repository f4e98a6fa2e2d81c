import { beforeEach, describe, expect, it } from 'vitest';
import { LocalProposer, Store, type ServiceSpec } from '../../store/index.js';
import {
  makeConfig,
  makeNetwork,
  makeSecret,
  makeService,
  makeTask,
  testEncrypter,
} from '../../store/testing.js';
import {
  createService,
  removeService,
  rollbackService,
  scaleService,
  updateService,
} from './control.js';
import { DEFAULT_UPDATE_CONFIG } from '../update/index.js';

let store: Store;
let n = 0;
const ids = (): string => `svc${String(++n).padStart(22, '0')}`;

function newStore(): Store {
  const s = new Store({ encrypter: testEncrypter(), clockMs: () => 1_700_000_000_000 });
  s.setProposer(new LocalProposer(s));
  return s;
}

function spec(name: string, change: (s: ServiceSpec) => void = () => undefined): ServiceSpec {
  const s = structuredClone(makeService('x', name).spec);
  change(s);
  return s;
}

const port = (published: number) => ({
  protocol: 'tcp' as const,
  targetPort: 80,
  publishedPort: published,
  publishMode: 'ingress' as const,
});

beforeEach(() => {
  store = newStore();
});

describe('createService()', () => {
  it('stores the spec at version 1 with the update defaults (failure action rollback)', async () => {
    const s = await createService(store, spec('web'), { ids });
    expect(s.specVersion).toBe(1);
    expect(s.spec.update).toEqual(DEFAULT_UPDATE_CONFIG);
    expect(s.spec.update?.failureAction).toBe('rollback');
    expect(s.spec.rollback?.failureAction).toBe('pause');
    expect(store.view((tx) => tx.getByName('services', 'web'))?.id).toBe(s.id);
  });

  it('keeps an update config that was given', async () => {
    const s = await createService(
      store,
      spec('web', (x) => (x.update = { ...DEFAULT_UPDATE_CONFIG, failureAction: 'pause' })),
    );
    expect(s.spec.update?.failureAction).toBe('pause');
  });

  it('refuses a bad spec before anything is stored', async () => {
    await expect(
      createService(
        store,
        spec('web', (x) => (x.mode = { kind: 'replicated', replicas: -1 })),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'spec.mode.replicas' } });
    expect(store.view((tx) => tx.all('services'))).toEqual([]);
  });

  it('refuses a name that is taken', async () => {
    await createService(store, spec('web'));
    await expect(createService(store, spec('web'))).rejects.toMatchObject({
      code: 'STORE_EXISTS',
      message: expect.stringContaining('Cannot create service "web": the name is taken') as unknown,
    });
  });

  it('refuses a published port another service holds, naming both', async () => {
    await createService(
      store,
      spec('web', (x) => (x.endpoint.ports = [port(8080)])),
    );
    await expect(
      createService(
        store,
        spec('api', (x) => (x.endpoint.ports = [port(8080)])),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'spec.endpoint.ports' },
      message: expect.stringContaining('service "web" already publishes it') as unknown,
    });
    expect(store.view((tx) => tx.getByName('services', 'api'))).toBeUndefined();
  });

  it('resolves networks, secrets and configs given by name to their ids', async () => {
    await store.update((tx) => {
      tx.create('networks', makeNetwork('net1', 'backend'));
      tx.create('secrets', makeSecret('sec1', 'db-pass', 'x'));
      tx.create('configs', makeConfig('cfg1', 'app-conf', 'y'));
    });
    const ref = { id: '', name: '', target: '/run/secrets/p', uid: '0', gid: '0', mode: 0o444 };
    const s = await createService(
      store,
      spec('web', (x) => {
        x.task.networks = [{ target: 'backend', aliases: [] }];
        x.task.container.secrets = [{ ...ref, name: 'db-pass' }];
        x.task.container.configs = [{ ...ref, id: 'cfg1' }];
      }),
    );
    expect(s.spec.task.networks[0]?.target).toBe('net1');
    expect(s.spec.task.container.secrets?.[0]).toMatchObject({ id: 'sec1', name: 'db-pass' });
    expect(s.spec.task.container.configs?.[0]).toMatchObject({ id: 'cfg1', name: 'app-conf' });
  });

  it.each([
    [
      'network',
      (x: ServiceSpec) => (x.task.networks = [{ target: 'nope', aliases: [] }]),
      'spec.task.networks[0].target',
    ],
    [
      'secret',
      (x: ServiceSpec) =>
        (x.task.container.secrets = [
          { id: '', name: 'nope', target: '/x', uid: '0', gid: '0', mode: 0o444 },
        ]),
      'spec.task.container.secrets[0]',
    ],
    [
      'config',
      (x: ServiceSpec) =>
        (x.task.container.configs = [
          { id: 'nope', name: '', target: '/x', uid: '0', gid: '0', mode: 0o444 },
        ]),
      'spec.task.container.configs[0]',
    ],
  ])('refuses a missing %s, naming the field', async (_, change, field) => {
    await expect(createService(store, spec('web', change))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field },
      message: expect.stringContaining('"nope" not found') as unknown,
    });
  });
});

describe('updateService()', () => {
  it('bumps specVersion and keeps the old spec as previousSpec', async () => {
    const s = await createService(store, spec('web'));
    const next = spec('web', (x) => (x.task.container.image = 'nginx:1'));
    const u = await updateService(store, 'web', next, { version: s.meta.version });
    expect(u.specVersion).toBe(2);
    expect(u.spec.task.container.image).toBe('nginx:1');
    expect(u.previousSpec?.task.container.image).toBe('busybox:latest');
  });

  it('--force bumps forceUpdate on an unchanged spec', async () => {
    const s = await createService(store, spec('web'));
    const u = await updateService(store, s.id, s.spec, { force: true });
    expect(u.spec.task.forceUpdate).toBe(1);
    const again = await updateService(store, s.id, u.spec, { force: true });
    expect(again.spec.task.forceUpdate).toBe(2);
  });

  it('clears the update status of the previous rollout', async () => {
    const s = await createService(store, spec('web'));
    await store.update((tx) => {
      const cur = tx.get('services', s.id);
      if (cur === undefined) throw new Error('gone');
      tx.update('services', {
        ...structuredClone(cur),
        updateStatus: { state: 'paused', startedAt: '', message: 'task failed' },
      });
    });
    const u = await updateService(store, 'web', s.spec);
    expect(u.updateStatus).toBeUndefined();
  });

  it('refuses a stale version with STORE_CONFLICT', async () => {
    const s = await createService(store, spec('web'));
    await updateService(store, 'web', s.spec);
    await expect(
      updateService(store, 'web', s.spec, { version: s.meta.version }),
    ).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
  });

  it('refuses a rename and a mode change, naming the field', async () => {
    const s = await createService(store, spec('web'));
    await expect(updateService(store, s.id, spec('www'))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'spec.name' },
    });
    await expect(
      updateService(
        store,
        s.id,
        spec('web', (x) => (x.mode = { kind: 'global' })),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'spec.mode' } });
  });

  it('keeps its own published port without a conflict, refuses another service’s', async () => {
    await createService(
      store,
      spec('web', (x) => (x.endpoint.ports = [port(8080)])),
    );
    const api = await createService(
      store,
      spec('api', (x) => (x.endpoint.ports = [port(8081)])),
    );
    await expect(
      updateService(
        store,
        'web',
        spec('web', (x) => (x.endpoint.ports = [port(8080)])),
      ),
    ).resolves.toMatchObject({ specVersion: 2 });
    await expect(
      updateService(
        store,
        api.id,
        spec('api', (x) => (x.endpoint.ports = [port(8080)])),
      ),
    ).rejects.toMatchObject({ details: { field: 'spec.endpoint.ports' } });
  });

  it('refuses a bad spec and a missing service', async () => {
    await createService(store, spec('web'));
    await expect(
      updateService(
        store,
        'web',
        spec('web', (x) => (x.task.container.image = '')),
      ),
    ).rejects.toMatchObject({ details: { field: 'spec.task.container.image' } });
    await expect(updateService(store, 'nope', spec('nope'))).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
      message: 'Service "nope" not found',
    });
  });
});

describe('scaleService()', () => {
  it('sets the replicas as an update', async () => {
    await createService(store, spec('web'));
    const s = await scaleService(store, 'web', 10);
    expect(s.spec.mode).toEqual({ kind: 'replicated', replicas: 10 });
    expect(s.specVersion).toBe(2);
    expect(s.previousSpec?.mode).toEqual({ kind: 'replicated', replicas: 1 });
  });

  it('sets the completions of a replicated job', async () => {
    await createService(
      store,
      spec(
        'job',
        (x) => (x.mode = { kind: 'replicated-job', maxConcurrent: 2, totalCompletions: 4 }),
      ),
    );
    const s = await scaleService(store, 'job', 8);
    expect(s.spec.mode).toEqual({ kind: 'replicated-job', maxConcurrent: 2, totalCompletions: 8 });
  });

  it('refuses a global service and a bad count', async () => {
    await createService(
      store,
      spec('agent', (x) => (x.mode = { kind: 'global' })),
    );
    await expect(scaleService(store, 'agent', 3)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'Cannot scale service "agent": it is a global service',
    });
    await expect(scaleService(store, 'agent', -1)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'replicas' },
    });
  });
});

describe('rollbackService()', () => {
  it('swaps spec and previousSpec and marks the rollback started', async () => {
    await createService(store, spec('web'));
    await updateService(
      store,
      'web',
      spec('web', (x) => (x.task.container.image = 'nginx:1')),
    );
    const r = await rollbackService(store, 'web', { clockMs: () => 0 });
    expect(r.spec.task.container.image).toBe('busybox:latest');
    expect(r.previousSpec?.task.container.image).toBe('nginx:1');
    expect(r.specVersion).toBe(3);
    expect(r.updateStatus).toEqual({
      state: 'rollback-started',
      startedAt: '1970-01-01T00:00:00.000Z',
      message: 'manually requested rollback',
    });
  });

  it('refuses a service never updated', async () => {
    await createService(store, spec('web'));
    await expect(rollbackService(store, 'web')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'Cannot roll back service "web": it has no previous spec',
    });
  });
});

describe('removeService()', () => {
  it('deletes a service without tasks at once', async () => {
    const s = await createService(store, spec('web'));
    expect(await removeService(store, 'web')).toBe(s.id);
    expect(store.view((tx) => tx.get('services', s.id))).toBeUndefined();
  });

  it('marks a service with tasks pendingDelete and its tasks desired REMOVE', async () => {
    const s = await createService(store, spec('web'));
    await store.update((tx) => {
      tx.create('tasks', makeTask('t1', s.id, 1, { state: 'RUNNING' }));
      tx.create('tasks', makeTask('t2', s.id, 2, { state: 'FAILED', desiredState: 'SHUTDOWN' }));
    });
    await removeService(store, s.id);
    const after = store.view((tx) => ({
      service: tx.get('services', s.id),
      tasks: tx.find('tasks', 'service', s.id).map((t) => t.desiredState),
    }));
    expect(after.service?.pendingDelete).toBe(true);
    expect(after.tasks).toEqual(['REMOVE', 'REMOVE']);
    await expect(removeService(store, 'web')).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    await expect(createService(store, spec('web'))).rejects.toMatchObject({
      code: 'STORE_EXISTS',
      message: expect.stringContaining('is being removed') as unknown,
    });
  });

  it('finds a service by an id prefix, and refuses an ambiguous one', async () => {
    const a = await createService(store, spec('a'), { ids: () => 'abc1' + 'x'.repeat(21) });
    await createService(store, spec('b'), { ids: () => 'abc2' + 'x'.repeat(21) });
    await expect(removeService(store, 'abc')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('ambiguous') as unknown,
    });
    await expect(removeService(store, 'abc1')).resolves.toBe(a.id);
    await expect(removeService(store, '')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

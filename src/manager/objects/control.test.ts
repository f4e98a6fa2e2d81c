import { beforeEach, describe, expect, it } from 'vitest';
import { LocalProposer, Store, type NetworkSpec, type ServiceSpec } from '../../store/index.js';
import { makeService, makeTask, makeVolume, testEncrypter } from '../../store/testing.js';
import { TsorchError } from '../../util/errors.js';
import {
  createConfig,
  createNetwork,
  createSecret,
  createVolume,
  removeFileObject,
  removeNetwork,
  removeVolume,
} from './control.js';
import { ingressNetworkSpec } from './ingress.js';
import { findObject } from './lookup.js';

let store: Store;
let n = 0;
const ids = (): string => `obj${String(++n).padStart(22, '0')}`;

beforeEach(() => {
  store = new Store({ encrypter: testEncrypter(), clockMs: () => 1_700_000_000_000 });
  store.setProposer(new LocalProposer(store));
});

const overlay = (name: string): NetworkSpec => ({
  name,
  labels: {},
  driver: 'overlay',
  ipam: [],
  attachable: false,
  internal: false,
  ipv6: false,
  ingress: false,
});
const bytes = (text: string) => new TextEncoder().encode(text);

async function failure(p: Promise<unknown>): Promise<TsorchError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TsorchError);
  return err as TsorchError;
}

async function addService(name: string, change: (s: ServiceSpec) => void): Promise<string> {
  const svc = structuredClone(makeService(`svc-${name}`, name));
  change(svc.spec);
  await store.update((tx) => {
    tx.create('services', svc);
  });
  return svc.id;
}

describe('secrets and configs', () => {
  it('creates, finds by name, id prefix and id, and refuses a taken name', async () => {
    const s = await createSecret(store, { name: 'db_pw', labels: {}, data: bytes('x') }, { ids });
    expect(store.view((tx) => findObject(tx, 'secrets', 'db_pw').id)).toBe(s.id);
    expect(store.view((tx) => findObject(tx, 'secrets', s.id.slice(0, 8)).id)).toBe(s.id);
    const err = await failure(
      createSecret(store, { name: 'db_pw', labels: {}, data: bytes('y') }, { ids }),
    );
    expect(err.code).toBe('STORE_EXISTS');
    expect(err.message).toBe(`Cannot create secret "db_pw": the name is taken by secret "${s.id}"`);
  });

  it('refuses an empty payload, naming the field, and stores nothing', async () => {
    const err = await failure(createConfig(store, { name: 'c', labels: {}, data: bytes('') }));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toBe('Invalid config spec: spec.data: a config must not be empty');
    expect(store.view((tx) => tx.all('configs'))).toEqual([]);
  });

  it('refuses removal while a live service uses it, and allows it once the service is removed', async () => {
    const s = await createSecret(store, { name: 'db_pw', labels: {}, data: bytes('x') }, { ids });
    const svc = await addService('web', (spec) => {
      spec.task.container.secrets = [
        { id: s.id, name: 'db_pw', target: 'db_pw', uid: '0', gid: '0', mode: 0o444 },
      ];
    });
    const err = await failure(removeFileObject(store, 'secrets', 'db_pw'));
    expect(err.code).toBe('STORE_IN_USE');
    expect(err.message).toBe('Cannot remove: secret "db_pw" is in use by service "web"');
    await store.update((tx) => {
      const current = tx.get('services', svc);
      if (current !== undefined)
        tx.update('services', { ...structuredClone(current), pendingDelete: true });
    });
    expect(await removeFileObject(store, 'secrets', 'db_pw')).toBe(s.id);
    expect(store.view((tx) => tx.all('secrets'))).toEqual([]);
  });

  it('says which object is missing', async () => {
    const err = await failure(removeFileObject(store, 'configs', 'nope'));
    expect(err.code).toBe('STORE_NOT_FOUND');
    expect(err.message).toBe('Config "nope" not found');
  });
});

describe('networks', () => {
  it('stores an overlay network unallocated and refuses a second of the same name', async () => {
    const net = await createNetwork(store, overlay('backend'), { ids });
    expect(net).toMatchObject({ ipam: [], pendingDelete: false, spec: { driver: 'overlay' } });
    const err = await failure(createNetwork(store, overlay('backend')));
    expect(err.code).toBe('STORE_EXISTS');
  });

  it('refuses an encrypted overlay with the reason and a hint', async () => {
    const err = await failure(
      createNetwork(store, overlay('secure'), { driverOptions: { encrypted: '' } }),
    );
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(
      /^Invalid network spec: options\.encrypted: encrypted overlay networks are not supported/,
    );
    expect(err.hint).toBe('Create the network without -o encrypted');
  });

  it('refuses removal while a service is attached, deletes an unused one at once', async () => {
    const net = await createNetwork(store, overlay('backend'), { ids });
    await addService('api', (spec) => {
      spec.task.networks = [{ target: net.id, aliases: [] }];
    });
    const err = await failure(removeNetwork(store, 'backend'));
    expect(err.code).toBe('NET_IN_USE');
    expect(err.message).toBe('Cannot remove: network "backend" is in use by service "api"');
    const other = await createNetwork(store, overlay('spare'), { ids });
    expect(await removeNetwork(store, 'spare')).toEqual({ id: other.id, pendingDelete: false });
  });

  it('marks a network pendingDelete while tasks still hold addresses on it', async () => {
    const net = await createNetwork(store, overlay('backend'), { ids });
    await store.update((tx) => {
      const task = makeTask('t1', 'gone-svc', 1, { state: 'RUNNING' });
      tx.create('tasks', {
        ...task,
        networks: [{ networkId: net.id, addresses: ['10.0.0.2/20'], aliases: [] }],
      });
    });
    expect(await removeNetwork(store, 'backend')).toEqual({ id: net.id, pendingDelete: true });
    expect(store.view((tx) => tx.get('networks', net.id)?.pendingDelete)).toBe(true);
    const err = await failure(createNetwork(store, overlay('backend')));
    expect(err.message).toBe(
      'Cannot create network "backend": a network of that name is being removed',
    );
  });

  it('refuses to remove the ingress network while a service publishes through the mesh', async () => {
    await createNetwork(store, ingressNetworkSpec(), { ids });
    await addService('web', (spec) => {
      spec.endpoint.ports = [
        { protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' },
      ];
    });
    const err = await failure(removeNetwork(store, 'ingress'));
    expect(err.code).toBe('NET_IN_USE');
    expect(err.message).toBe(
      'Cannot remove: network "ingress" is in use by service "web" (its published ports go through the routing mesh)',
    );
  });
});

describe('volumes', () => {
  it('creates a volume with no node yet, refusing a bad driver', async () => {
    const v = await createVolume(store, {
      name: 'data',
      labels: {},
      driver: 'local',
      driverOpts: {},
    });
    expect(v.nodeId).toBe('');
    const err = await failure(
      createVolume(store, { name: 'x', labels: {}, driver: 'nfs' as 'local', driverOpts: {} }),
    );
    expect(err.message).toBe('Invalid volume spec: spec.driver: must be "local", not "nfs"');
  });

  it('removes the local data when it lives on the serving node, and refuses when that fails', async () => {
    await store.update((tx) => {
      tx.create('volumes', makeVolume('v1', 'shop_data', 'node-a'));
    });
    const removed: string[] = [];
    const busy = new TsorchError(
      'VOLUME_IN_USE',
      'Cannot remove volume "shop_data": it is in use by container "c1"',
    );
    const err = await failure(
      removeVolume(store, 'shop_data', {
        local: { nodeId: 'node-a', removeVolume: () => Promise.reject(busy) },
      }),
    );
    expect(err).toBe(busy);
    expect(store.view((tx) => tx.get('volumes', 'v1'))).toBeDefined();
    await removeVolume(store, 'shop_data', {
      local: {
        nodeId: 'node-a',
        removeVolume: (name) => {
          removed.push(name);
          return Promise.resolve();
        },
      },
    });
    expect(removed).toEqual(['shop_data']);
    expect(store.view((tx) => tx.get('volumes', 'v1'))).toBeUndefined();
  });

  it('refuses removal while a service mounts the volume', async () => {
    await createVolume(store, { name: 'data', labels: {}, driver: 'local', driverOpts: {} });
    await addService('db', (spec) => {
      spec.task.container.mounts = [
        { type: 'volume', name: 'data', target: '/d', readonly: false },
      ];
    });
    const err = await failure(removeVolume(store, 'data'));
    expect(err.code).toBe('VOLUME_IN_USE');
    expect(err.message).toBe('Cannot remove: volume "data" is in use by service "db"');
  });
});

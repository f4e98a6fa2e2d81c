import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaemonClient } from '../../cli/client.js';
import { LocalProposer, Store, STACK_NAMESPACE_LABEL } from '../../store/index.js';
import { testEncrypter } from '../../store/testing.js';
import { TsorchError } from '../../util/errors.js';
import type { ConfigInfo__Output } from '../gen/tsorch/v1/ConfigInfo.js';
import type { SecretInfo__Output } from '../gen/tsorch/v1/SecretInfo.js';
import { serviceDefinition } from '../proto.js';
import { serviceServices } from '../services/service.js';
import { servicesStackTarget, type ServicesCaller } from '../stacks/services-target.js';
import { OBJECTS_POLICY, objectServices } from './service.js';

let dir: string;
let server: grpc.Server;
let store: Store;
let daemon: DaemonClient;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsorch-objapi-'));
  store = new Store({ encrypter: testEncrypter(), clockMs: () => 1_700_000_000_000 });
  store.setProposer(new LocalProposer(store));
  server = new grpc.Server();
  for (const b of [...serviceServices({ store }), ...objectServices({ store })])
    server.addService(b.definition, b.implementation);
  const address = `unix:${join(dir, 'tsorch.sock')}`;
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => {
      if (err === null) resolve();
      else reject(err);
    });
  });
  daemon = new DaemonClient(address);
});

afterEach(async () => {
  daemon.close();
  await new Promise<void>((resolve) => {
    server.tryShutdown(() => {
      resolve();
    });
  });
  rmSync(dir, { recursive: true, force: true });
});

const caller = (): ServicesCaller => ({
  unary: (method, req) => daemon.unary(daemon.service('services', 'Services'), method, req),
  stream: (method, req) => daemon.stream(daemon.service('services', 'Services'), method, req),
  objects: (service, method, req) => daemon.unary(daemon.service('objects', service), method, req),
});

describe('the cluster object services over gRPC', () => {
  it('never returns a secret payload; returns a config payload only from GetConfig', async () => {
    const call = caller();
    await call.objects('Secrets', 'createSecret', {
      name: 'db_pw',
      labels: { a: 'b' },
      data: Buffer.from('hunter2'),
    });
    const got = await call.objects<{ secret: SecretInfo__Output }>('Secrets', 'getSecret', {
      secret: 'db_pw',
    });
    expect(got.secret).toMatchObject({ name: 'db_pw', labels: { a: 'b' } });
    expect(JSON.stringify(got)).not.toContain('hunter2');
    expect(JSON.stringify(got)).not.toContain(Buffer.from('hunter2').toString('base64'));
    await call.objects('Configs', 'createConfig', { name: 'site', data: Buffer.from('conf') });
    const listed = await call.objects<{ configs: ConfigInfo__Output[] }>(
      'Configs',
      'listConfigs',
      {},
    );
    expect(listed.configs.map((c) => c.data.length)).toEqual([0]);
    const config = await call.objects<{ config: ConfigInfo__Output }>('Configs', 'getConfig', {
      config: 'site',
    });
    expect(config.config.data.toString()).toBe('conf');
  });

  it('maps a refusal to its code and message', async () => {
    const err = await caller()
      .objects('ClusterNetworks', 'createClusterNetwork', {
        spec: { name: 'n', driver: 'macvlan' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TsorchError);
    expect((err as TsorchError).code).toBe('INVALID_ARGUMENT');
    expect((err as TsorchError).message).toMatch(
      /^Invalid network spec: spec\.driver: must be "overlay" \(or "bridge", local to each node\), not "macvlan"$/,
    );
  });

  it("lets the stack target create, read back and remove a stack's objects", async () => {
    const target = servicesStackTarget(caller());
    const labels = { [STACK_NAMESPACE_LABEL]: 'shop' };
    const netId = await target.createNetwork({
      name: 'shop_default',
      labels,
      driver: 'overlay',
      ipam: [{ subnet: '10.7.0.0/24' }],
      attachable: false,
      internal: false,
      ipv6: false,
      ingress: false,
    });
    const volId = await target.createVolume({
      name: 'shop_data',
      labels,
      driver: 'local',
      driverOpts: {},
    });
    const secretId = await target.createSecret({
      name: 'shop_pw',
      labels,
      data: Buffer.from('pw'),
    });
    const configId = await target.createConfig({ name: 'shop_cf', labels, data: Buffer.from('c') });
    const read = await target.read('shop');
    expect(read.networks).toMatchObject([
      {
        id: netId,
        spec: {
          name: 'shop_default',
          driver: 'overlay',
          ipam: [{ subnet: '10.7.0.0/24' }],
          labels,
        },
      },
    ]);
    expect(read.volumes).toMatchObject([
      { id: volId, spec: { name: 'shop_data', labels }, nodeId: '' },
    ]);
    expect(read.secrets).toEqual([{ id: secretId, spec: { name: 'shop_pw', labels } }]);
    expect(read.configs).toEqual([{ id: configId, spec: { name: 'shop_cf', labels } }]);
    await target.removeNetwork(netId);
    await target.removeVolume(volId);
    await target.removeSecret(secretId);
    await target.removeConfig(configId);
    const after = await target.read('shop');
    expect([after.networks, after.volumes, after.secrets, after.configs]).toEqual([[], [], [], []]);
  });

  it('lets only managers call any method over TCP', () => {
    for (const name of ['ClusterNetworks', 'Secrets', 'Configs', 'ClusterVolumes']) {
      for (const method of Object.values(serviceDefinition('objects', name)))
        expect(OBJECTS_POLICY[method.path]).toEqual(['manager']);
    }
  });
});

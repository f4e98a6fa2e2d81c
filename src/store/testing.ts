/**
 * Builders of valid objects for tests, simulations and benchmarks: each returns a complete object
 * with sensible defaults, overridable field by field. Not used by production code.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { AesGcmEncrypter } from './encrypter.js';
import type { Cluster, Config, Network, Node, Secret, Service, Task, Volume } from './objects.js';
import type { HealthCheck, TaskSpec } from './specs.js';
import type { TaskState } from './task-state.js';
import type { NewObject } from './transaction.js';

/** An encrypter with a fresh random key under id `keyId`. */
export function testEncrypter(keyId = 'k1'): AesGcmEncrypter {
  return new AesGcmEncrypter({ currentKeyId: keyId, keys: { [keyId]: randomBytes(32) } });
}

/** A minimal task template running `image`. */
export function makeTaskSpec(image = 'busybox:latest'): TaskSpec {
  return {
    container: {
      image,
      cmd: [],
      env: [],
      mounts: [],
      readOnly: false,
      privileged: false,
      init: false,
      capAdd: [],
      capDrop: [],
      ulimits: [],
      sysctls: {},
      labels: {},
    },
    resources: {},
    restartPolicy: { condition: 'any', delayMs: 5000, maxAttempts: 0, windowMs: 0 },
    placement: { constraints: [], preferences: [], maxReplicasPerNode: 0, platforms: [] },
    networks: [],
    forceUpdate: 0,
  };
}

/** A healthcheck running `test` every second, one retry. */
export function makeHealthCheck(test: string[] = ['CMD', 'true']): HealthCheck {
  return {
    test,
    intervalMs: 1000,
    timeoutMs: 1000,
    retries: 1,
    startPeriodMs: 0,
    startIntervalMs: 0,
  };
}

/** A replicated service named `name`. */
export function makeService(
  id: string,
  name: string,
  overrides: Partial<NewObject<Service>> = {},
): NewObject<Service> {
  return {
    id,
    spec: {
      name,
      labels: {},
      task: makeTaskSpec(),
      mode: { kind: 'replicated', replicas: 1 },
      endpoint: { mode: 'vip', ports: [] },
    },
    specVersion: 1,
    pendingDelete: false,
    ...overrides,
  };
}

/** A task of `serviceId` in `slot`, desired RUNNING, observed `state`. */
export function makeTask(
  id: string,
  serviceId: string,
  slot: number,
  overrides: Partial<NewObject<Task>> & { state?: TaskState } = {},
): NewObject<Task> {
  const { state = 'NEW', ...rest } = overrides;
  return {
    id,
    serviceId,
    slot,
    nodeId: '',
    desiredState: 'RUNNING',
    status: { state, timestamp: '2026-01-01T00:00:00.000Z', message: '' },
    spec: makeTaskSpec(),
    specVersion: 1,
    serviceAnnotations: { name: `svc.${slot}`, labels: {} },
    networks: [],
    ...rest,
  };
}

/** A ready, active worker node. */
export function makeNode(
  id: string,
  hostname: string,
  overrides: Partial<NewObject<Node>> = {},
): NewObject<Node> {
  return {
    id,
    spec: { labels: {}, role: 'worker', availability: 'active' },
    description: {
      hostname,
      platform: { os: 'linux', architecture: 'amd64' },
      resources: { nanoCpus: 2_000_000_000, memoryBytes: 4 * 1024 ** 3 },
      engine: { runtime: 'runc', version: '1.1.5', labels: {} },
    },
    status: { state: 'ready', message: '', addr: '10.0.0.2' },
    advertiseAddr: '10.0.0.2:4242',
    role: 'worker',
    ...overrides,
  };
}

/** An overlay network named `name`. */
export function makeNetwork(id: string, name: string): NewObject<Network> {
  return {
    id,
    spec: {
      name,
      labels: {},
      driver: 'overlay',
      ipam: [{ subnet: '10.0.1.0/24' }],
      attachable: false,
      internal: false,
      ipv6: false,
      ingress: false,
    },
    ipam: [{ subnet: '10.0.1.0/24', gateway: '10.0.1.1' }],
    vni: 4097,
    pendingDelete: false,
  };
}

/** A local volume named `name` on `nodeId`. */
export function makeVolume(id: string, name: string, nodeId = ''): NewObject<Volume> {
  return { id, spec: { name, labels: {}, driver: 'local', driverOpts: {} }, nodeId };
}

/** A secret holding `data`. */
export function makeSecret(id: string, name: string, data: string): NewObject<Secret> {
  return { id, spec: { name, labels: {}, data: new TextEncoder().encode(data) } };
}

/** A config holding `data`. */
export function makeConfig(id: string, name: string, data: string): NewObject<Config> {
  return { id, spec: { name, labels: {}, data: new TextEncoder().encode(data) } };
}

/** The cluster object. */
export function makeCluster(id: string, caKey = 'PRIVATE KEY'): NewObject<Cluster> {
  return {
    id,
    spec: {
      name: 'default',
      labels: {},
      raft: {
        snapshotIntervalEntries: 10_000,
        keepOldSnapshots: 0,
        electionTicks: 10,
        heartbeatTicks: 1,
        tickIntervalMs: 100,
      },
      dispatcher: { heartbeatPeriodMs: 5000 },
      caConfig: { nodeCertExpiryMs: 90 * 24 * 3600 * 1000 },
      taskDefaults: { historyLimit: 5 },
    },
    rootCa: {
      certPem: 'CERT',
      keyPem: new TextEncoder().encode(caKey),
      digest: 'sha256:00',
    },
    joinTokens: { worker: 'SWT-1-w', manager: 'SWT-1-m' },
    encryptionKeyRing: { currentKeyId: 'k1', keyIds: ['k1'] },
  };
}

import { describe, expect, it } from 'vitest';
import { TsorchError } from '../../util/errors.js';
import { makeService } from '../../store/testing.js';
import { serviceToProto } from '../services/convert.js';
import { serviceFromInfo, servicesStackTarget, taskFromInfo } from './services-target.js';

const noCalls = {
  stream: (): AsyncIterable<never> => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('no call expected')) }),
  }),
};

/** The cluster object lists of a daemon that has none. */
const noObjects = <R>(_service: string, method: string): Promise<R> =>
  Promise.resolve({
    [method.replace(/^list(Cluster)?/, '').replace(/^./, (c) => c.toLowerCase())]: [],
  } as R);

describe('servicesStackTarget', () => {
  it('reads a listed service and task back in store form', () => {
    const base = makeService('s1', 'web_server');
    const spec = { ...base.spec, labels: { 'com.docker.stack.namespace': 'web' } };
    const service = serviceFromInfo(
      serviceToProto(
        {
          id: 's1',
          meta: { version: 7, createdAt: 't0', updatedAt: 't1' },
          spec,
          specVersion: 2,
          pendingDelete: false,
        },
        { running: 1, desired: 1, completed: 0 },
      ) as never,
    );
    expect(service.id).toBe('s1');
    expect(service.meta.version).toBe(7);
    expect(service.spec.name).toBe('web_server');
    expect(service.spec.labels).toEqual({ 'com.docker.stack.namespace': 'web' });
    const task = taskFromInfo(
      {
        id: 't1',
        serviceId: 's1',
        serviceName: 'web_server',
        name: 'web_server.1',
        slot: '1',
        nodeId: 'n1',
        nodeHostname: 'h',
        desiredState: 'RUNNING',
        state: 'PENDING',
        stateTimestamp: 't2',
        message: 'no suitable node',
        err: '',
        containerId: '',
        exitCode: 0,
        health: '',
        specVersion: '2',
        image: 'web/busybox:1',
        ports: [],
        networks: [],
        createdAt: 't1',
      },
      service,
    );
    expect(task).toMatchObject({
      id: 't1',
      serviceId: 's1',
      slot: 1,
      desiredState: 'RUNNING',
      status: { state: 'PENDING', message: 'no suitable node' },
      specVersion: 2,
    });
    expect(task.status.exitCode).toBeUndefined();
    expect(task.spec.container.image).toBe('web/busybox:1');
  });
});

describe('servicesStackTarget reads while services go', () => {
  const info = (id: string): unknown =>
    serviceToProto(
      {
        id,
        meta: { version: 1, createdAt: 't0', updatedAt: 't0' },
        spec: {
          ...makeService(id, `web_${id}`).spec,
          labels: { 'com.docker.stack.namespace': 'web' },
        },
        specVersion: 1,
        pendingDelete: false,
      },
      { running: 0, desired: 1, completed: 0 },
    );

  /** A daemon whose service s2 is removed between the first listing of services and of tasks. */
  function removing(failures: number): {
    calls: string[];
    target: ReturnType<typeof servicesStackTarget>;
  } {
    const calls: string[] = [];
    let left = failures;
    const target = servicesStackTarget({
      unary: <R>(method: string, request: unknown): Promise<R> => {
        calls.push(method);
        if (method === 'listServices')
          return Promise.resolve({
            services: left > 0 ? [info('s1'), info('s2')] : [info('s1')],
          } as R);
        const ids = (request as { services: string[] }).services;
        if (ids.includes('s2')) {
          left -= 1;
          return Promise.reject(
            new TsorchError('STORE_NOT_FOUND', 'Service "s2" not found', {
              details: { field: 'service' },
            }),
          );
        }
        return Promise.resolve({ tasks: [] } as R);
      },
      stream: noCalls.stream,
      objects: noObjects,
    });
    return { calls, target };
  }

  it('lists again when a service vanished between listing services and their tasks', async () => {
    const { calls, target } = removing(1);
    const stack = await target.read('web');
    expect(stack.services.map((s) => s.id)).toEqual(['s1']);
    expect(calls).toEqual(['listServices', 'listTasks', 'listServices', 'listTasks']);
  });

  it('gives up with the not-found error when it keeps happening', async () => {
    const { target } = removing(10);
    const err = await target.read('web').catch((e: unknown) => e);
    expect((err as TsorchError).code).toBe('STORE_NOT_FOUND');
  });
});

describe('a stack read back through the Services API', () => {
  it('plans no change when the file did not change (defaults the manager fills, empty lists)', async () => {
    const { loadComposeProject } = await import('../../../test/helpers/compose.js');
    const { planStack, projectDependencies, stackSpecs, planHasChanges } =
      await import('./engine.js');
    const { specFromProto, specToProto } = await import('../services/convert.js');
    const { ROLLBACK_DEFAULTS, UPDATE_DEFAULTS } = await import('../../util/service-defaults.js');
    const project = loadComposeProject({
      text: `name: tsdeps
services:
  db:
    image: db:1
    network_mode: none
    healthcheck: { test: ['CMD', 'true'], interval: 1s }
  migrate:
    image: db:1
    network_mode: none
    deploy: { mode: replicated-job }
    depends_on: { db: { condition: service_healthy } }
`,
    });
    const specs = stackSpecs(project, { target: 'compose' });
    const deployed = specs.services.map((spec, i) =>
      serviceFromInfo(
        serviceToProto(
          {
            id: `s${String(i)}`,
            meta: { version: 1, createdAt: 't0', updatedAt: 't0' },
            // What the manager stores: the spec as the API carried it, defaults filled in.
            spec: {
              ...specFromProto(specToProto(spec) as never),
              update: { ...UPDATE_DEFAULTS },
              rollback: { ...ROLLBACK_DEFAULTS },
            },
            specVersion: 1,
            pendingDelete: false,
          },
          { running: 1, desired: 1, completed: 0 },
        ) as never,
      ),
    );
    const plan = planStack(
      specs,
      { services: deployed, tasks: [], networks: [], volumes: [], secrets: [], configs: [] },
      { dependencies: projectDependencies(project) },
    );
    expect(plan.services.map((c) => [c.service, c.action])).toEqual([
      ['db', 'unchanged'],
      ['migrate', 'unchanged'],
    ]);
    expect(planHasChanges(plan)).toBe(false);
  });
});

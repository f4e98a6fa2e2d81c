import { describe, expect, it } from 'vitest';
import { makeService } from '../../store/testing.js';
import { serviceToProto } from '../services/convert.js';
import { serviceFromInfo, taskFromInfo } from './services-target.js';

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

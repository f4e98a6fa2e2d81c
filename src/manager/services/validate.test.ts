import { describe, expect, it } from 'vitest';
import type { HealthCheck, ServiceSpec, UpdateConfig } from '../../store/index.js';
import { makeService } from '../../store/testing.js';
import { specIssues, validateServiceSpec } from './validate.js';

function spec(change: (s: ServiceSpec) => void): ServiceSpec {
  const s = structuredClone(makeService('s1', 'web').spec);
  change(s);
  return s;
}

function upd(u: Partial<UpdateConfig>): UpdateConfig {
  return {
    parallelism: 1,
    delayMs: 0,
    failureAction: 'pause',
    monitorMs: 0,
    maxFailureRatio: 0,
    order: 'stop-first',
    ...u,
  };
}

function health(test: string[], retries: number): HealthCheck {
  return { test, intervalMs: 0, timeoutMs: 0, retries, startPeriodMs: 0, startIntervalMs: 0 };
}

describe('specIssues()', () => {
  it('accepts a minimal replicated service', () => {
    expect(specIssues(spec(() => undefined))).toEqual([]);
  });

  it.each<[string, (s: ServiceSpec) => void, string, RegExp]>([
    ['empty name', (s) => (s.name = ''), 'spec.name', /must not be empty/],
    ['bad name', (s) => (s.name = 'web.1'), 'spec.name', /not a valid service name/],
    ['long name', (s) => (s.name = 'a'.repeat(64)), 'spec.name', /at most 63/],
    ['empty label key', (s) => (s.labels = { ' ': 'x' }), 'spec.labels', /label key/],
    [
      'negative replicas',
      (s) => (s.mode = { kind: 'replicated', replicas: -1 }),
      'spec.mode.replicas',
      /0 or more/,
    ],
    [
      'fractional replicas',
      (s) => (s.mode = { kind: 'replicated', replicas: 1.5 }),
      'spec.mode.replicas',
      /whole number/,
    ],
    [
      'negative job concurrency',
      (s) => (s.mode = { kind: 'replicated-job', maxConcurrent: -1, totalCompletions: 1 }),
      'spec.mode.maxConcurrent',
      /0 or more/,
    ],
    [
      'negative job completions',
      (s) => (s.mode = { kind: 'replicated-job', maxConcurrent: 1, totalCompletions: -2 }),
      'spec.mode.totalCompletions',
      /0 or more/,
    ],
    [
      'unknown mode',
      (s) => (s.mode = { kind: 'sharded' } as unknown as ServiceSpec['mode']),
      'spec.mode.kind',
      /must be one of/,
    ],
    [
      'max per node on a global service',
      (s) => {
        s.mode = { kind: 'global' };
        s.task.placement.maxReplicasPerNode = 2;
      },
      'spec.task.placement.maxReplicasPerNode',
      /only for replicated/,
    ],
    ['empty image', (s) => (s.task.container.image = ''), 'spec.task.container.image', /empty/],
    [
      'bad image',
      (s) => (s.task.container.image = 'Busy Box'),
      'spec.task.container.image',
      /Invalid image reference/,
    ],
    ['bad env', (s) => (s.task.container.env = ['=x']), 'spec.task.container.env[0]', /KEY=VALUE/],
    [
      'relative mount target',
      (s) =>
        (s.task.container.mounts = [
          { type: 'volume', name: 'data', target: 'data', readonly: false },
        ]),
      'spec.task.container.mounts[0].target',
      /absolute/,
    ],
    [
      'root mount target',
      (s) => (s.task.container.mounts = [{ type: 'tmpfs', target: '/' }]),
      'spec.task.container.mounts[0].target',
      /root filesystem/,
    ],
    [
      'mounted twice',
      (s) =>
        (s.task.container.mounts = [
          { type: 'tmpfs', target: '/x' },
          { type: 'tmpfs', target: '/x' },
        ]),
      'spec.task.container.mounts[1].target',
      /twice/,
    ],
    [
      'relative bind source',
      (s) =>
        (s.task.container.mounts = [{ type: 'bind', source: 'x', target: '/x', readonly: false }]),
      'spec.task.container.mounts[0].source',
      /absolute host path/,
    ],
    [
      'bad volume name',
      (s) =>
        (s.task.container.mounts = [{ type: 'volume', name: '-x', target: '/x', readonly: false }]),
      'spec.task.container.mounts[0].source',
      /volume name/,
    ],
    [
      'negative tmpfs size',
      (s) => (s.task.container.mounts = [{ type: 'tmpfs', target: '/x', sizeBytes: -1 }]),
      'spec.task.container.mounts[0].sizeBytes',
      /0 or more/,
    ],
    [
      'unknown mount type',
      (s) =>
        (s.task.container.mounts = [
          {
            type: 'npipe',
            target: '/x',
          } as unknown as ServiceSpec['task']['container']['mounts'][number],
        ]),
      'spec.task.container.mounts[0].type',
      /volume, bind, tmpfs/,
    ],
    [
      'bad health test',
      (s) => (s.task.container.healthcheck = health(['RUN', 'x'], 0)),
      'spec.task.container.healthcheck.test',
      /NONE, CMD or CMD-SHELL/,
    ],
    [
      'health CMD without a command',
      (s) => (s.task.container.healthcheck = health(['CMD'], 0)),
      'spec.task.container.healthcheck.test',
      /needs a command/,
    ],
    [
      'negative health retries',
      (s) => (s.task.container.healthcheck = health(['NONE'], -1)),
      'spec.task.container.healthcheck.retries',
      /0 or more/,
    ],
    [
      'negative stop timeout',
      (s) => (s.task.container.stopTimeoutS = -1),
      'spec.task.container.stopTimeoutS',
      /0 or more/,
    ],
    [
      'soft ulimit above hard',
      (s) => (s.task.container.ulimits = [{ name: 'nofile', soft: 10, hard: 5 }]),
      'spec.task.container.ulimits[0]',
      /above hard/,
    ],
    [
      'negative memory limit',
      (s) => (s.task.resources = { limits: { nanoCpus: 0, memoryBytes: -5 } }),
      'spec.task.resources.limits.memoryBytes',
      /0 or more/,
    ],
    [
      'negative pids limit',
      (s) => (s.task.resources = { limits: { nanoCpus: 0, memoryBytes: 0, pids: -1 } }),
      'spec.task.resources.limits.pids',
      /0 or more/,
    ],
    [
      'memory reservation above limit',
      (s) =>
        (s.task.resources = {
          limits: { nanoCpus: 0, memoryBytes: 100 },
          reservations: { nanoCpus: 0, memoryBytes: 200 },
        }),
      'spec.task.resources.reservations.memoryBytes',
      /above the memory limit/,
    ],
    [
      'CPU reservation above limit',
      (s) =>
        (s.task.resources = {
          limits: { nanoCpus: 100, memoryBytes: 0 },
          reservations: { nanoCpus: 200, memoryBytes: 0 },
        }),
      'spec.task.resources.reservations.nanoCpus',
      /above the CPU limit/,
    ],
    [
      'bad restart condition',
      (s) =>
        (s.task.restartPolicy.condition =
          'always' as ServiceSpec['task']['restartPolicy']['condition']),
      'spec.task.restartPolicy.condition',
      /none, on-failure, any/,
    ],
    [
      'negative restart delay',
      (s) => (s.task.restartPolicy.delayMs = -1),
      'spec.task.restartPolicy.delayMs',
      /0 or more/,
    ],
    [
      'bad constraint',
      (s) => (s.task.placement.constraints = ['node.role==manager', 'node.zone==a']),
      'spec.task.placement.constraints[1]',
      /unknown attribute "node.zone"/,
    ],
    [
      'bad preference',
      (s) => (s.task.placement.preferences = [{ spread: 'rack' }]),
      'spec.task.placement.preferences[0].spread',
      /Cannot parse placement preference/,
    ],
    [
      'half a platform',
      (s) => (s.task.placement.platforms = [{ os: 'linux', architecture: '' }]),
      'spec.task.placement.platforms[0]',
      /OS and an architecture/,
    ],
    [
      'negative force update',
      (s) => (s.task.forceUpdate = -1),
      'spec.task.forceUpdate',
      /0 or more/,
    ],
    [
      'bad update order',
      (s) =>
        (s.update = upd({
          parallelism: 1,
          failureAction: 'rollback',
          maxFailureRatio: 0,
          order: 'random' as 'stop-first',
        })),
      'spec.update.order',
      /stop-first, start-first/,
    ],
    [
      'failure ratio above 1',
      (s) =>
        (s.update = upd({
          parallelism: 1,
          failureAction: 'pause',
          maxFailureRatio: 2,
          order: 'stop-first',
        })),
      'spec.update.maxFailureRatio',
      /from 0 to 1/,
    ],
    [
      'bad update failure action',
      (s) =>
        (s.update = upd({
          parallelism: 1,
          failureAction: 'retry' as 'pause',
          maxFailureRatio: 0,
          order: 'stop-first',
        })),
      'spec.update.failureAction',
      /pause, continue, rollback/,
    ],
    [
      'negative rollback parallelism',
      (s) =>
        (s.rollback = upd({
          parallelism: -1,
          failureAction: 'pause',
          maxFailureRatio: 0,
          order: 'stop-first',
        })),
      'spec.rollback.parallelism',
      /0 or more/,
    ],
    [
      'bad endpoint mode',
      (s) => (s.endpoint.mode = 'lb' as 'vip'),
      'spec.endpoint.mode',
      /vip, dnsrr/,
    ],
    [
      'target port 0',
      (s) =>
        (s.endpoint.ports = [
          { protocol: 'tcp', targetPort: 0, publishedPort: 80, publishMode: 'ingress' },
        ]),
      'spec.endpoint.ports[0].targetPort',
      /from 1 to 65535/,
    ],
    [
      'published port too high',
      (s) =>
        (s.endpoint.ports = [
          { protocol: 'tcp', targetPort: 80, publishedPort: 70000, publishMode: 'ingress' },
        ]),
      'spec.endpoint.ports[0].publishedPort',
      /from 0 to 65535/,
    ],
    [
      'bad protocol',
      (s) =>
        (s.endpoint.ports = [
          { protocol: 'icmp' as 'tcp', targetPort: 80, publishedPort: 80, publishMode: 'host' },
        ]),
      'spec.endpoint.ports[0].protocol',
      /tcp, udp, sctp/,
    ],
    [
      'bad publish mode',
      (s) =>
        (s.endpoint.ports = [
          { protocol: 'tcp', targetPort: 80, publishedPort: 80, publishMode: 'mesh' as 'host' },
        ]),
      'spec.endpoint.ports[0].publishMode',
      /ingress, host/,
    ],
    [
      'ingress port with dnsrr',
      (s) => {
        s.endpoint.mode = 'dnsrr';
        s.endpoint.ports = [
          { protocol: 'tcp', targetPort: 80, publishedPort: 80, publishMode: 'ingress' },
        ];
      },
      'spec.endpoint.ports[0]',
      /endpoint mode vip/,
    ],
  ])('refuses %s, naming the field', (_, change, field, message) => {
    const issues = specIssues(spec(change));
    expect(issues).toContainEqual({ field, message: expect.stringMatching(message) as unknown });
  });

  it('lists every issue at once', () => {
    const issues = specIssues(
      spec((s) => {
        s.name = '';
        s.task.container.image = '';
      }),
    );
    expect(issues.map((i) => i.field)).toEqual(['spec.name', 'spec.task.container.image']);
  });
});

describe('validateServiceSpec()', () => {
  it('throws INVALID_ARGUMENT naming the fields, with the issues in details', () => {
    expect(() =>
      validateServiceSpec(spec((s) => (s.mode = { kind: 'replicated', replicas: -1 }))),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('spec.mode.replicas: must be a whole number') as unknown,
        details: expect.objectContaining({ field: 'spec.mode.replicas' }) as unknown,
      }) as unknown,
    );
  });

  it('passes a good spec', () => {
    expect(() => validateServiceSpec(spec(() => undefined))).not.toThrow();
  });
});

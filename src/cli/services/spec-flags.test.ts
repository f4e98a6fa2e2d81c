import { describe, expect, it } from 'vitest';
import {
  createSpec,
  envFileLines,
  parseMount,
  parsePublish,
  updateSpec,
  type CreateFlags,
  type UpdateFlags,
} from './spec-flags.js';

describe('createSpec()', () => {
  it('starts from Docker defaults: 1 replica, no update config (the manager fills rollback)', () => {
    const s = createSpec('nginx:1', ['nginx', '-g', 'daemon off;'], { name: 'web' });
    expect(s).toMatchObject({
      name: 'web',
      mode: { kind: 'replicated', replicas: '1' },
      update: null,
      rollback: null,
      endpoint: { mode: 'vip', ports: [] },
    });
    expect(s.task?.container).toMatchObject({
      image: 'nginx:1',
      cmd: ['nginx', '-g', 'daemon off;'],
      hasEntrypoint: false,
      stopTimeoutS: -1,
    });
    expect(s.task?.restartPolicy).toEqual({
      condition: 'any',
      delayMs: '5000',
      maxAttempts: '0',
      windowMs: '0',
    });
  });

  it('maps the issue’s example command line', () => {
    const s = createSpec('nginx:1', [], {
      name: 'web',
      replicas: '6',
      publish: ['8080:80'],
      constraint: ['node.labels.zone==a'],
      placementPref: ['spread=node.labels.rack'],
      reserveMemory: '64M',
      limitCpu: '0.5',
      restartCondition: 'on-failure',
      updateParallelism: '2',
      updateFailureAction: 'rollback',
      healthCmd: 'wget -q -O- localhost',
      env: ['K=V'],
      mount: ['type=volume,src=data,dst=/data'],
    });
    expect(s.mode).toMatchObject({ kind: 'replicated', replicas: '6' });
    expect(s.endpoint?.ports).toEqual([
      {
        name: '',
        protocol: 'tcp',
        targetPort: 80,
        publishedPort: 8080,
        publishMode: 'ingress',
        hostIp: '',
      },
    ]);
    expect(s.task?.placement).toMatchObject({
      constraints: ['node.labels.zone==a'],
      preferences: ['node.labels.rack'],
    });
    expect(s.task?.reservations).toMatchObject({ memoryBytes: String(64 * 1024 ** 2) });
    expect(s.task?.limits).toMatchObject({ nanoCpus: '500000000' });
    expect(s.task?.restartPolicy?.condition).toBe('on-failure');
    expect(s.update).toEqual({
      parallelism: '2',
      delayMs: '0',
      failureAction: 'rollback',
      monitorMs: '5000',
      maxFailureRatio: 0,
      order: 'stop-first',
    });
    expect(s.task?.container?.healthcheck?.test).toEqual(['CMD-SHELL', 'wget -q -O- localhost']);
    expect(s.task?.container?.env).toEqual(['K=V']);
    expect(s.task?.container?.mounts).toEqual([
      { type: 'volume', source: 'data', target: '/data', readonly: false, tmpfsSizeBytes: '0' },
    ]);
  });

  it.each<[string, CreateFlags, Record<string, unknown>]>([
    ['global', { mode: 'global' }, { kind: 'global' }],
    ['global job', { mode: 'global-job' }, { kind: 'global-job' }],
    [
      'replicated job',
      { mode: 'replicated-job', replicas: '4', maxConcurrent: '2' },
      { kind: 'replicated-job', totalCompletions: '4', maxConcurrent: '2' },
    ],
  ])('sets the %s mode', (_, flags, mode) => {
    expect(createSpec('x', [], flags).mode).toMatchObject(mode);
  });

  it('sets the rollback config, the labels, the health timings and the rest', () => {
    const s = createSpec('x', [], {
      rollbackParallelism: '3',
      rollbackFailureAction: 'continue',
      label: ['a=b'],
      containerLabel: ['c=d'],
      healthInterval: '10s',
      healthRetries: '5',
      hostname: 'h',
      user: 'u',
      workdir: '/w',
      entrypoint: 'sh -c',
      stopGracePeriod: '1m',
      network: ['backend'],
      replicasMaxPerNode: '2',
      limitPids: '50',
      endpointMode: 'dnsrr',
    });
    expect(s.rollback).toMatchObject({ parallelism: '3', failureAction: 'continue' });
    expect(s.labels).toEqual({ a: 'b' });
    expect(s.task?.container).toMatchObject({
      labels: { c: 'd' },
      hostname: 'h',
      user: 'u',
      workingDir: '/w',
      entrypoint: ['sh', '-c'],
      hasEntrypoint: true,
      stopTimeoutS: 60,
      healthcheck: { test: [], intervalMs: '10000', retries: 5 },
    });
    expect(s.task?.networks).toEqual([{ target: 'backend', aliases: [] }]);
    expect(s.task?.placement?.maxReplicasPerNode).toBe('2');
    expect(s.task?.limits).toEqual({ nanoCpus: '0', memoryBytes: '0', pids: '50' });
    expect(s.endpoint?.mode).toBe('dnsrr');
  });

  it('--no-healthcheck disables the image’s check', () => {
    expect(createSpec('x', [], { healthcheck: false }).task?.container?.healthcheck?.test).toEqual([
      'NONE',
    ]);
  });

  it.each<[string, CreateFlags, string]>([
    ['bad replicas', { replicas: '-1' }, 'Invalid value for --replicas: "-1"'],
    ['replicas on global', { mode: 'global', replicas: '2' }, '--replicas with --mode global'],
    ['bad mode', { mode: 'sharded' }, 'Invalid value for --mode: "sharded"'],
    ['max concurrent without a job', { maxConcurrent: '2' }, '--max-concurrent'],
    ['bad memory', { reserveMemory: 'lots' }, 'Invalid value for --reserve-memory: "lots"'],
    ['bad cpus', { limitCpu: 'half' }, 'Invalid value for --limit-cpu: "half"'],
    ['bad restart condition', { restartCondition: 'always' }, '--restart-condition'],
    ['bad restart delay', { restartDelay: '5' }, 'Invalid value for --restart-delay: "5"'],
    ['bad attempts', { restartMaxAttempts: 'x' }, '--restart-max-attempts'],
    ['bad update order', { updateOrder: 'random' }, '--update-order'],
    ['bad update action', { updateFailureAction: 'retry' }, '--update-failure-action'],
    [
      'rollback that rolls back',
      { rollbackFailureAction: 'rollback' },
      '--rollback-failure-action',
    ],
    ['bad ratio', { updateMaxFailureRatio: '2' }, '--update-max-failure-ratio'],
    ['bad monitor', { rollbackMonitor: 'soon' }, '--rollback-monitor'],
    ['bad health retries', { healthRetries: '-3' }, '--health-retries'],
    [
      '--no-healthcheck with --health-cmd',
      { healthcheck: false, healthCmd: 'true' },
      '--no-healthcheck',
    ],
    ['bad env', { env: ['=x'] }, 'Invalid value for --env: "=x"'],
    ['bad label', { label: ['=x'] }, 'Invalid value for --label: "=x"'],
    ['bad preference', { placementPref: ['rack'] }, '--placement-pref'],
    ['bad endpoint mode', { endpointMode: 'lb' }, '--endpoint-mode'],
    ['bad grace period', { stopGracePeriod: 'x' }, '--stop-grace-period'],
    ['bad max per node', { replicasMaxPerNode: 'x' }, '--replicas-max-per-node'],
    ['bad pids', { limitPids: 'x' }, '--limit-pids'],
  ])('refuses %s, naming the flag', (_, flags, message) => {
    expect(() => createSpec('x', [], flags)).toThrow(message);
  });
});

describe('parsePublish()', () => {
  it.each([
    ['80', { targetPort: 80, publishedPort: 0, protocol: 'tcp' }],
    ['8080:80/udp', { targetPort: 80, publishedPort: 8080, protocol: 'udp' }],
    [
      'published=53,target=53,protocol=udp,mode=host',
      { targetPort: 53, publishedPort: 53, protocol: 'udp', publishMode: 'host' },
    ],
  ])('parses %s', (text, port) => {
    expect(parsePublish(text)).toMatchObject(port);
  });

  it.each([
    ['80:x', 'port "x"'],
    ['1:2:3', 'PUBLISHED:TARGET'],
    ['80/icmp', 'use tcp, udp, sctp'],
    ['published=80', 'missing target'],
    ['target=80,color=red', 'unknown key "color"'],
    ['70000', 'from 1 to 65535'],
  ])('refuses %s naming --publish', (text, why) => {
    expect(() => parsePublish(text)).toThrow(`Invalid value for --publish: "${text}"`);
    expect(() => parsePublish(text)).toThrow(why);
  });
});

describe('parseMount()', () => {
  it.each([
    ['type=bind,source=/etc,target=/x,readonly', { type: 'bind', source: '/etc', readonly: true }],
    ['type=tmpfs,dst=/t,tmpfs-size=1M', { type: 'tmpfs', tmpfsSizeBytes: String(1024 ** 2) }],
    ['src=data,target=/d,ro=false', { type: 'volume', source: 'data', readonly: false }],
  ])('parses %s', (text, mount) => {
    expect(parseMount(text)).toMatchObject(mount);
  });

  it.each([
    ['type=npipe,dst=/x', 'use volume, bind, tmpfs'],
    ['src=data', 'missing target'],
    ['type=bind,dst=/x', 'a bind needs source'],
    ['dst=/x,color=red', 'unknown key "color"'],
    ['dst=/x,ro=maybe', 'true or false'],
  ])('refuses %s naming --mount', (text, why) => {
    expect(() => parseMount(text)).toThrow(why);
  });
});

describe('envFileLines()', () => {
  it('reads KEY=VALUE lines, skips comments, takes bare keys from the environment', () => {
    expect(envFileLines('# c\nA=1\n\nB\nC\r\n', { B: '2' })).toEqual(['A=1', 'B=2']);
  });
  it('refuses a line without a key', () => {
    expect(() => envFileLines('=x', {})).toThrow('--env-file');
  });
});

describe('updateSpec()', () => {
  const base = createSpec('nginx:1', ['a'], {
    name: 'web',
    env: ['A=1', 'B=2'],
    label: ['x=1'],
    constraint: ['node.role==worker'],
    publish: ['8080:80'],
    mount: ['src=data,dst=/data'],
    network: ['backend'],
    updateParallelism: '3',
  });

  it('changes only what the flags name', () => {
    const flags: UpdateFlags = {
      image: 'nginx:2',
      replicas: '4',
      envAdd: ['B=3', 'C=4'],
      envRm: ['A'],
      labelAdd: ['y=2'],
      labelRm: ['x'],
      constraintRm: ['node.role==worker'],
      constraintAdd: ['node.labels.zone==a'],
      publishRm: ['8080:80'],
      publishAdd: ['9090:90'],
      mountRm: ['/data'],
      mountAdd: ['type=tmpfs,dst=/tmp'],
      networkRm: ['backend'],
      networkAdd: ['frontend'],
      updateDelay: '10s',
      args: 'b c',
    };
    const s = updateSpec(base, flags);
    expect(s.task?.container).toMatchObject({
      image: 'nginx:2',
      cmd: ['b', 'c'],
      env: ['B=3', 'C=4'],
    });
    expect(s.mode?.replicas).toBe('4');
    expect(s.labels).toEqual({ y: '2' });
    expect(s.task?.placement?.constraints).toEqual(['node.labels.zone==a']);
    expect(s.endpoint?.ports.map((p) => [p.publishedPort, p.targetPort])).toEqual([[9090, 90]]);
    expect(s.task?.container?.mounts.map((m) => m.target)).toEqual(['/tmp']);
    expect(s.task?.networks.map((n) => n.target)).toEqual(['frontend']);
    expect(s.update).toMatchObject({ parallelism: '3', delayMs: '10000' });
    expect(base.task?.container?.image).toBe('nginx:1');
  });

  it('keeps everything else as it was', () => {
    expect(updateSpec(base, {})).toEqual(base);
  });

  it('refuses --replicas on a global service', () => {
    const global = createSpec('x', [], { mode: 'global' });
    expect(() => updateSpec(global, { replicas: '2' })).toThrow(
      'Cannot use --replicas with a global service',
    );
  });

  it('refuses a bad added env, publish and mount, naming the flag', () => {
    expect(() => updateSpec(base, { envAdd: ['=x'] })).toThrow('--env-add');
    expect(() => updateSpec(base, { publishAdd: ['x'] })).toThrow('--publish');
    expect(() => updateSpec(base, { mountAdd: ['src=x'] })).toThrow('--mount');
  });
});

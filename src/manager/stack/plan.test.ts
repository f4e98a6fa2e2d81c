import { describe, expect, it } from 'vitest';
import { loadComposeProject } from '../../../test/helpers/compose.js';
import type { Network, Service, Task } from '../../store/index.js';
import { projectDependencies } from './dependencies.js';
import {
  EMPTY_DEPLOYED_STACK,
  PAYLOAD_DIGEST_LABEL,
  planHasChanges,
  planHasErrors,
  planStack,
  type DeployedStack,
  type PlanOptions,
  type StackPlan,
} from './plan.js';
import { stackSpecs } from './stack.js';

const base = `
name: app
services:
  web:
    image: web:1
    command: ['httpd', '-f']
    ports: ['8080:80']
    depends_on:
      db: { condition: service_healthy, restart: true }
  db:
    image: db:1
    healthcheck: { test: ['CMD', 'true'] }
    secrets: [pw]
  worker:
    image: worker:1
    deploy: { replicas: 2 }
secrets:
  pw:
    file: /p/pw.txt
`;

const meta = { version: 7, createdAt: '', updatedAt: '' };

/** What the cluster would hold after `up` of `text`: objects with ids, networks by id. */
function deployedFrom(text: string, extraTasks: Task[] = []): DeployedStack {
  const specs = stackSpecs(loadComposeProject({ text }), { target: 'compose' });
  const networks: Network[] = specs.networks.map((n, i) => ({
    id: `net${i}`,
    meta,
    spec: n.spec,
    ipam: [],
    pendingDelete: false,
  }));
  const netId = new Map(networks.map((n) => [n.spec.name, n.id]));
  const services: Service[] = specs.services.map((s, i) => ({
    id: `svc${i}`,
    meta,
    spec: {
      ...s,
      task: {
        ...s.task,
        networks: s.task.networks.map((a) => ({ ...a, target: netId.get(a.target) ?? '' })),
        container: {
          ...s.task.container,
          secrets: (s.task.container.secrets ?? []).map((r) => ({ ...r, id: 'sec0' })),
        },
      },
    },
    specVersion: 1,
    pendingDelete: false,
  }));
  return {
    services,
    tasks: extraTasks,
    networks,
    volumes: [],
    secrets: specs.secrets.map((s, i) => ({ id: `sec${i}`, spec: s })),
    configs: [],
  };
}

function plan(
  text: string,
  deployed: DeployedStack,
  options: Partial<PlanOptions> = {},
): StackPlan {
  const project = loadComposeProject({ text });
  return planStack(stackSpecs(project, { target: 'compose' }), deployed, {
    dependencies: projectDependencies(project),
    ...options,
  });
}

const empty = EMPTY_DEPLOYED_STACK;

function actions(p: StackPlan): Record<string, string> {
  return Object.fromEntries(p.services.map((s) => [s.service, s.action]));
}

function task(id: string, serviceId: string, state: Task['status']['state'], message = ''): Task {
  return {
    id,
    meta,
    serviceId,
    slot: 1,
    nodeId: 'n1',
    desiredState: 'RUNNING',
    status: { state, timestamp: '', message },
    spec: deployedFrom(base).services[0]!.spec.task,
    specVersion: 1,
    serviceAnnotations: { name: '', labels: {} },
    networks: [],
  };
}

describe('planStack()', () => {
  it('creates everything on an empty cluster, dependencies first', () => {
    const p = plan(base, empty);
    expect(p.services.map((s) => [s.service, s.action])).toEqual([
      ['db', 'create'],
      ['web', 'create'],
      ['worker', 'create'],
    ]);
    expect(p.networks.map((n) => [n.name, n.action])).toEqual([['app_default', 'create']]);
    expect(p.secrets.map((n) => [n.name, n.action])).toEqual([['app_pw', 'create']]);
    expect(p.issues).toEqual([]);
    expect(planHasChanges(p)).toBe(true);
    expect(planHasErrors(p)).toBe(false);
    expect(p.dependencies['web']).toEqual([
      { service: 'db', condition: 'service_healthy', restart: true, required: true },
    ]);
  });

  it('changes nothing when the deployed stack is the file (network ids and secret ids ignored)', () => {
    const p = plan(base, deployedFrom(base));
    expect(Object.values(actions(p))).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(planHasChanges(p)).toBe(false);
  });

  it.each([
    {
      name: 'a scale change updates the service without new tasks',
      edit: (t: string) => t.replace('replicas: 2', 'replicas: 5'),
      service: 'worker',
      fields: ['mode.replicas'],
      recreate: false,
    },
    {
      name: 'a new environment variable recreates the tasks',
      edit: (t: string) => t.replace('image: worker:1', 'image: worker:1\n    environment: [A=1]'),
      service: 'worker',
      fields: ['task.container.env'],
      recreate: true,
    },
    {
      name: 'an ingress port change updates the service only',
      edit: (t: string) => t.replace('8080:80', '8081:80'),
      service: 'web',
      fields: ['endpoint.ports'],
      recreate: false,
    },
    {
      name: 'a deploy label change updates the service only',
      edit: (t: string) => t.replace('replicas: 2', 'replicas: 2, labels: { team: a }'),
      service: 'worker',
      fields: ['labels.team'],
      recreate: false,
    },
    {
      name: 'a new image recreates the tasks',
      edit: (t: string) => t.replace('worker:1', 'worker:2'),
      service: 'worker',
      fields: ['task.container.image'],
      recreate: true,
    },
  ])('$name', ({ edit, service, fields, recreate }) => {
    const p = plan(edit(base), deployedFrom(base));
    const change = p.services.find((s) => s.service === service);
    expect(change?.action).toBe('update');
    if (change?.action !== 'update') return;
    expect(change.fields.map((f) => f.path)).toEqual(fields);
    expect(change.recreate).toBe(recreate);
    expect(change.version).toBe(7);
    const others = p.services.filter((s) => s.service !== service).map((s) => s.action);
    expect(others.every((a) => a === 'unchanged')).toBe(true);
  });

  it('recreates a dependent whose dependency is recreated when it says restart: true', () => {
    const p = plan(base.replace('db:1', 'db:2'), deployedFrom(base));
    const web = p.services.find((s) => s.service === 'web');
    expect(web).toMatchObject({
      action: 'update',
      recreate: true,
      fields: [],
      reason: 'dependency "db" is recreated (depends_on restart: true)',
    });
    // The bumped force counter is what makes the orchestrator replace the tasks.
    expect(web?.action === 'update' && web.spec.task.forceUpdate).toBe(1);
  });

  it('does not restart a dependent without restart: true', () => {
    const text = base.replace('restart: true', 'restart: false');
    const p = plan(text.replace('db:1', 'db:2'), deployedFrom(text));
    expect(actions(p)['web']).toBe('unchanged');
  });

  it('forces new tasks with --force-recreate and lists the tasks it replaces', () => {
    const deployed = deployedFrom(base, [
      task('t1', 'svc2', 'RUNNING'),
      task('t2', 'svc2', 'COMPLETE'),
    ]);
    const p = plan(base, deployed, { forceRecreate: true, only: ['worker'] });
    expect(p.services).toHaveLength(1);
    expect(p.services[0]).toMatchObject({
      action: 'update',
      recreate: true,
      replacedTasks: ['t1'],
      reason: 'forced (--force-recreate)',
    });
  });

  it('updates without new tasks with --no-recreate', () => {
    const p = plan(base.replace('worker:1', 'worker:2'), deployedFrom(base), { noRecreate: true });
    expect(p.services.find((s) => s.service === 'worker')).toMatchObject({ recreate: false });
  });

  it('reports a service no longer in the file as an orphan, removed only with --remove-orphans', () => {
    const smaller = base.replace(/ {2}worker:\n.*\n.*\n/, '');
    const kept = plan(smaller, deployedFrom(base));
    expect(actions(kept)['worker']).toBe('orphan');
    expect(kept.issues).toContainEqual({
      path: 'services.worker',
      message:
        'service "app_worker" is deployed but no longer in the file: remove it with --remove-orphans',
      severity: 'warning',
    });
    expect(planHasChanges(kept)).toBe(false);
    const removed = plan(smaller, deployedFrom(base), { removeOrphans: true });
    expect(actions(removed)['worker']).toBe('remove');
  });

  it('reports a deployed network that differs instead of changing it', () => {
    const deployed = deployedFrom(base);
    const net = deployed.networks[0]!;
    const p = plan(base, {
      ...deployed,
      networks: [{ ...net, spec: { ...net.spec, internal: true } }],
    });
    expect(p.issues[0]).toMatchObject({
      path: 'networks.default',
      severity: 'error',
    });
    expect(p.issues[0]?.message).toContain('differs (internal)');
    expect(planHasErrors(p)).toBe(true);
  });

  it('reports a missing external network', () => {
    const text = `${base}networks:\n  default:\n    name: shared\n    external: true\n`;
    const p = plan(text, empty);
    expect(p.issues).toContainEqual({
      path: 'networks.default',
      message: 'external network "shared" does not exist: create it first',
      severity: 'error',
    });
  });

  it('reports a secret whose content changed', () => {
    const deployed = deployedFrom(base);
    const secret = deployed.secrets[0]!;
    const withDigest = {
      ...deployed,
      secrets: [{ ...secret, spec: { ...secret.spec, labels: { [PAYLOAD_DIGEST_LABEL]: 'aa' } } }],
    };
    const same = plan(base, withDigest, { payloadDigests: { app_pw: 'aa' } });
    expect(same.issues).toEqual([]);
    const changed = plan(base, withDigest, { payloadDigests: { app_pw: 'bb' } });
    expect(changed.issues[0]?.path).toBe('secrets.pw');
    expect(changed.issues[0]?.message).toContain('differs (content)');
  });

  it('lists pending tasks with the reason they could not be placed', () => {
    const deployed = deployedFrom(base, [
      task('t9', 'svc2', 'PENDING', 'no suitable node (insufficient memory on 2 nodes)'),
    ]);
    expect(plan(base, deployed).unplaced).toEqual([
      {
        service: 'worker',
        taskId: 't9',
        reason: 'no suitable node (insufficient memory on 2 nodes)',
      },
    ]);
  });

  it('turns every key that cannot be honoured into an issue, errors before warnings', () => {
    const text = `
name: app
services:
  web:
    image: web:1
    privileged: true
    logging: { driver: syslog }
    ports: [{ target: 80, published: "8080", app_protocol: http }]
    volumes:
      - type: bind
        source: /srv
        target: /srv
        bind: { propagation: rshared }
      - type: volume
        source: data
        target: /data
        volume: { nocopy: true }
      - type: tmpfs
        target: /tmp
        tmpfs: { mode: 448 }
volumes:
  data: {}
networks:
  default:
    driver_opts: { mtu: "1400" }
`;
    const p = plan(text, empty);
    expect(p.issues.map((i) => [i.path, i.severity])).toEqual([
      ['services.web.volumes[0].bind.propagation', 'error'],
      ['services.web.volumes[1].volume.nocopy', 'error'],
      ['services.web.volumes[2].tmpfs.mode', 'error'],
      ['networks.default.driver_opts', 'error'],
      ['services.web.logging', 'error'],
      ['services.web.ports[0].app_protocol', 'warning'],
    ]);
    expect(p.issues.find((i) => i.path === 'services.web.logging')?.message).toBe(
      '"logging" is not supported by tsorch services',
    );
  });

  it('honours the bind defaults compose fills in (create_host_path: true)', () => {
    const p = plan(
      'name: app\nservices:\n  web:\n    image: web:1\n    volumes: ["./data:/data"]\n',
      empty,
    );
    expect(p.issues).toEqual([]);
  });
});

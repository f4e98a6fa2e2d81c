import { describe, expect, it } from 'vitest';
import { loadComposeProject } from '../../../test/helpers/compose.js';
import { hasCode } from '../../util/errors.js';
import { deployStack, type DeployEvent, type DeployOptions } from './deploy.js';
import { projectDependencies } from './dependencies.js';
import { planStack, type PlanOptions } from './plan.js';
import { removeStack } from './remove.js';
import { stackSpecs } from './stack.js';
import { ManualClock, MemoryStackTarget } from './testing.js';

const stackText = `
name: app
services:
  proxy:
    image: proxy:1
    depends_on:
      app: { condition: service_healthy }
  app:
    image: app:1
    healthcheck: { test: ['CMD', 'true'] }
    secrets: [pw]
    depends_on:
      migrate: { condition: service_completed_successfully }
      store: { condition: service_started }
  migrate:
    image: app:1
    restart: "no"
  store:
    image: store:1
secrets:
  pw:
    content: hunter2
`;

async function plan(
  target: MemoryStackTarget,
  text = stackText,
  options: Partial<PlanOptions> = {},
) {
  const project = loadComposeProject({ text });
  return planStack(stackSpecs(project, { target: 'compose' }), await target.read('app'), {
    dependencies: projectDependencies(project),
    ...options,
  });
}

function options(events: DeployEvent[] = [], extra: Partial<DeployOptions> = {}): DeployOptions {
  return {
    clock: new ManualClock(),
    signal: new AbortController().signal,
    payloads: new Map([['app_pw', new TextEncoder().encode('hunter2')]]),
    onEvent: (e) => events.push(e),
    ...extra,
  };
}

/** Lets the engine run until it waits on something outside it. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

describe('deployStack()', () => {
  it('creates resources first, then services after their dependencies meet their conditions', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    const events: DeployEvent[] = [];
    const result = await deployStack(await plan(target), target, options(events));
    expect(target.calls).toEqual([
      'create network app_default',
      'create secret app_pw',
      'create service app_migrate',
      'create service app_store',
      'create service app_app',
      'create service app_proxy',
    ]);
    expect(Object.keys(result.serviceIds).sort()).toEqual(['app', 'migrate', 'proxy', 'store']);
    expect(events).toContainEqual({
      object: 'service',
      name: 'proxy',
      status: 'waiting',
      detail: 'for "app" (service_healthy)',
    });
    // The secret's id, not its name, is what the service refers to.
    const app = [...target.services.values()].find((s) => s.spec.name === 'app_app');
    expect(app?.spec.task.container.secrets?.[0]?.id).toMatch(/^sec/);
    expect(app?.spec.task.networks[0]?.target).toMatch(/^net/);
  });

  it('holds a dependent back until its dependency is healthy', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    target.behaviour['app'] = 'starting';
    const done = deployStack(await plan(target), target, options());
    await settle();
    expect(target.calls).not.toContain('create service app_proxy');
    target.setHealth('app', 'healthy');
    await done;
    expect(target.calls.at(-1)).toBe('create service app_proxy');
  });

  it.each([
    {
      name: 'a dependency that exits non-zero',
      script: (t: MemoryStackTarget) => (t.behaviour['migrate'] = 'fail'),
      // proxy cannot start either, since app did not.
      message:
        'Cannot start services "app", "proxy": service "migrate" failed: failed: exit code 1: task: non-zero exit (1)',
    },
    {
      name: 'an unhealthy dependency',
      script: (t: MemoryStackTarget) => {
        t.behaviour['migrate'] = 'complete';
        t.behaviour['app'] = 'unhealthy';
      },
      message: 'Cannot start service "proxy": service "app" failed: unhealthy',
    },
  ])('fails naming the service and the reason for $name', async ({ script, message }) => {
    const target = new MemoryStackTarget();
    script(target);
    const err = await deployStack(await plan(target), target, options()).catch((e: unknown) => e);
    expect(hasCode(err, 'STACK_DEPENDENCY_FAILED')).toBe(true);
    expect((err as Error).message).toBe(message);
    expect(target.calls).not.toContain('create service app_proxy');
  });

  it('reports a service_healthy dependency without a health check', async () => {
    const target = new MemoryStackTarget();
    const text = stackText.replace("    healthcheck: { test: ['CMD', 'true'] }\n", '');
    target.behaviour['migrate'] = 'complete';
    const err = await deployStack(await plan(target, text), target, options()).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain(
      'service "app" has no health check, so it can never be healthy',
    );
  });

  it('goes on without an optional dependency that fails (required: false)', async () => {
    const target = new MemoryStackTarget();
    const text = stackText.replace(
      'migrate: { condition: service_completed_successfully }',
      'migrate: { condition: service_completed_successfully, required: false }',
    );
    target.behaviour['migrate'] = 'fail';
    const events: DeployEvent[] = [];
    await deployStack(await plan(target, text), target, options(events));
    expect(target.calls).toContain('create service app_proxy');
    expect(events.find((e) => e.status === 'skipped')?.detail).toMatch(
      /^optional dependency "migrate" failed: service "migrate" failed/,
    );
  });

  it('changes nothing when the plan has errors', async () => {
    const target = new MemoryStackTarget();
    const text = stackText.replace(
      'image: store:1',
      'image: store:1\n    logging: { driver: syslog }',
    );
    const err = await deployStack(await plan(target, text), target, options()).catch(
      (e: unknown) => e,
    );
    expect(hasCode(err, 'STACK_INVALID')).toBe(true);
    expect((err as Error).message).toBe(
      'Cannot deploy stack "app": services.store.logging: "logging" is not supported by tsorch services',
    );
    expect(target.calls).toEqual([]);
  });

  it('with wait, fails after the timeout naming what is not ready and why', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    target.behaviour['proxy'] = 'pending';
    const clock = new ManualClock();
    const done = deployStack(
      await plan(target),
      target,
      options([], { clock, wait: true, waitTimeoutMs: 30_000 }),
    ).catch((e: unknown) => e);
    await settle();
    // Every dependency wait was met; what is left is the --wait bound.
    clock.advance(30_000);
    const err = await done;
    expect(hasCode(err, 'STACK_NOT_READY')).toBe(true);
    expect((err as Error).message).toBe(
      'Stack "app" was not ready after 30 s: proxy: pending 0/1: no suitable node (1 node lacks memory)',
    );
  });

  it('with wait, returns once every service is ready', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    await deployStack(await plan(target), target, options([], { wait: true, waitTimeoutMs: 1000 }));
    expect(target.calls).toHaveLength(6);
  });

  it('a second up after an edit changes only the edited service', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    await deployStack(await plan(target), target, options());
    target.calls.length = 0;
    const edited = stackText.replace('store:1', 'store:2');
    const events: DeployEvent[] = [];
    await deployStack(await plan(target, edited), target, options(events));
    expect(target.calls).toEqual(['update service app_store (new tasks)']);
    expect(
      events
        .filter((e) => ['unchanged', 'recreating'].includes(e.status))
        .map((e) => [e.name, e.status]),
    ).toEqual(
      expect.arrayContaining([
        ['store', 'recreating'],
        ['app', 'unchanged'],
        ['proxy', 'unchanged'],
        ['migrate', 'unchanged'],
      ]),
    );
  });

  it('waits for the new tasks of a recreated dependency, not the old ones still running', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    await deployStack(await plan(target), target, options());
    target.calls.length = 0;
    target.keepOldTasks = true;
    target.behaviour['app'] = 'starting';
    const text = stackText
      .replace('      migrate: { condition', '      migrate: { restart: true, condition')
      .replace(/image: app:1\n {4}healthcheck/, 'image: app:2\n    healthcheck');
    const edited = await plan(target, text.replace('proxy:1', 'proxy:1\n    environment: [A=1]'));
    const done = deployStack(edited, target, options());
    await settle();
    // The old app tasks are healthy, the new ones are starting: proxy waits.
    expect(target.calls).not.toContain('update service app_proxy (new tasks)');
    target.setHealth('app', 'healthy');
    await done;
    expect(target.calls.at(-1)).toBe('update service app_proxy (new tasks)');
  });

  it('removes orphans first with --remove-orphans', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    await deployStack(await plan(target), target, options());
    target.calls.length = 0;
    const text = stackText
      .replace('      store: { condition: service_started }\n', '')
      .replace(/ {2}store:\n.*\n/, '');
    await deployStack(await plan(target, text, { removeOrphans: true }), target, options());
    // app's depends_on label lost "store": a service update without new tasks.
    expect(target.calls).toEqual(['remove service app_store', 'update service app_app']);
  });
});

describe('removeStack()', () => {
  it('removes dependents before their dependencies, then networks and secrets; volumes with -v', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    const text = `${stackText.replace('image: store:1', 'image: store:1\n    volumes: [data:/data]')}volumes:\n  data: {}\n`;
    await deployStack(await plan(target, text), target, options());
    target.calls.length = 0;
    const events: DeployEvent[] = [];
    const result = await removeStack('app', await target.read('app'), target, {
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
    });
    const order = target.calls.map((c) => c.split(' ').at(-1));
    expect(order.indexOf('app_proxy')).toBeLessThan(order.indexOf('app_app'));
    expect(order.indexOf('app_app')).toBeLessThan(order.indexOf('app_migrate'));
    expect(order.indexOf('app_app')).toBeLessThan(order.indexOf('app_store'));
    expect(target.calls.slice(-2)).toEqual(['remove network app_default', 'remove secret app_pw']);
    expect(result.volumes).toEqual([]);
    expect(target.objects.volumes.size).toBe(1);
    const again = await removeStack('app', await target.read('app'), target, {
      signal: new AbortController().signal,
      volumes: true,
    });
    expect(again.volumes).toEqual(['app_data']);
  });

  it('says so when nothing of the stack exists', async () => {
    const target = new MemoryStackTarget();
    const err = await removeStack('nope', await target.read('nope'), target, {
      signal: new AbortController().signal,
    }).catch((e: unknown) => e);
    expect(hasCode(err, 'NOT_FOUND')).toBe(true);
    expect((err as Error).message).toBe('Nothing found in stack "nope"');
  });
});

describe('a task watch that fails', () => {
  /** The memory target whose task watch fails after its first list. */
  function failingWatch(target: MemoryStackTarget): MemoryStackTarget {
    const watch = target.watchTasks.bind(target);
    target.watchTasks = async function* (namespace, signal) {
      for await (const tasks of watch(namespace, signal)) {
        yield tasks;
        throw new Error('the daemon went away');
      }
    };
    return target;
  }

  it('fails a dependency wait with its reason instead of waiting for ever', async () => {
    const target = failingWatch(new MemoryStackTarget());
    target.behaviour['migrate'] = 'complete';
    target.behaviour['app'] = 'starting';
    const err = await deployStack(await plan(target), target, options()).catch((e: unknown) => e);
    expect((err as Error).message).toContain('the daemon went away');
    expect(target.calls).not.toContain('create service app_proxy');
  });

  it('fails down with its reason instead of waiting for ever', async () => {
    const target = new MemoryStackTarget();
    target.behaviour['migrate'] = 'complete';
    await deployStack(await plan(target), target, options());
    const deployed = await target.read('app');
    failingWatch(target);
    // The watch's first list still shows the tasks running: the removal waits on the next.
    const err = await removeStack('app', deployed, target, {
      signal: new AbortController().signal,
    }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('the daemon went away');
  });
});

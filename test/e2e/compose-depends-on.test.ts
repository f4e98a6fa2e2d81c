/**
 * depends_on on the cluster (the embedded default), honoured at start and at stop:
 * service_healthy, service_completed_successfully, `required: false` on a dependency that fails,
 * `restart: true` when the dependency is recreated, and `down` removing dependents first. The
 * services have no network (network_mode: none), so only the order is under test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedProject } from '../helpers/embedded-stack.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';

const loop = "trap 'exit 0' TERM; while true; do sleep 1; done & wait";
const compose = `name: tsdeps
services:
  db:
    build: ./image
    image: tsdeps/busybox:1
    network_mode: none
    command: ['sh', '-c', "trap 'exit 0' TERM; sleep 2; touch /tmp/ready; while true; do sleep 1; done & wait"]
    healthcheck:
      test: ['CMD', 'test', '-f', '/tmp/ready']
      interval: 1s
      timeout: 1s
      retries: 20
  migrate:
    image: tsdeps/busybox:1
    network_mode: none
    command: ['sh', '-c', 'sleep 1; echo migrated']
    deploy: { mode: replicated-job }
    depends_on:
      db: { condition: service_healthy }
  broken:
    image: tsdeps/busybox:1
    network_mode: none
    command: ['sh', '-c', 'exit 3']
    deploy:
      mode: replicated-job
      restart_policy: { condition: none }
  app:
    image: tsdeps/busybox:1
    network_mode: none
    command: ['sh', '-c', "${loop}"]
    depends_on:
      db: { condition: service_healthy, restart: true }
      migrate: { condition: service_completed_successfully }
      broken: { condition: service_completed_successfully, required: false }
`;

/** The index of the first output line matching `re` (fails the test when there is none). */
function at(out: string, re: RegExp): number {
  const i = out.split('\n').findIndex((l) => re.test(l));
  expect(i, `a line matching ${String(re)} in:\n${out}`).toBeGreaterThanOrEqual(0);
  return i;
}

describe('tsorch up: depends_on on the cluster', () => {
  const cleanup = useCleanup();

  it('starts in dependency order, skips a failed optional one, restarts with its dependency, removes dependents first', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox');
    const stack = embeddedProject(cleanup, 'tsdeps', (dir) => {
      writeFileSync(join(dir, 'compose.yml'), compose);
      mkdirSync(join(dir, 'image'));
      writeFileSync(
        join(dir, 'image', 'Dockerfile'),
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nRUN mkdir /tmp\n',
      );
    });

    const up = await stack.cli(['up', '-d']);
    expect(up.code, `${up.stderr}\n${up.stdout}`).toBe(0);
    const out = up.stdout;
    // service_healthy: migrate and app are created only once db is healthy.
    const dbHealthy = at(out, /Service db Healthy/);
    expect(at(out, /Service migrate Creating/)).toBeGreaterThan(dbHealthy);
    // service_completed_successfully: app waits for the job's success.
    const appCreating = at(out, /Service app Creating/);
    expect(appCreating).toBeGreaterThan(at(out, /Service migrate Exited/));
    expect(appCreating).toBeGreaterThan(dbHealthy);
    // required: false: the failed job is said, and app starts anyway.
    expect(appCreating).toBeGreaterThan(
      at(out, /Service app Skipped optional dependency "broken" failed/),
    );
    const ps = await stack.ok(['compose', 'ps', '-a', '--format', '{{.service}} {{.state}}']);
    expect(ps).toContain('migrate complete (0)');
    expect(ps).toContain('broken failed (3)');
    expect(ps).toMatch(/^app running$/m);

    // restart: true: a new db recreates app too; migrate (no restart) stays.
    const file = readFileSync(stack.file, 'utf8');
    writeFileSync(stack.file, file.replace('sleep 2; touch', 'sleep 1; touch'));
    const again = await stack.cli(['up', '-d']);
    expect(again.code, `${again.stderr}\n${again.stdout}`).toBe(0);
    expect(again.stdout).toMatch(/Service db Recreating/);
    expect(again.stdout).toMatch(
      /Service app Recreating dependency "db" is recreated \(depends_on restart: true\)/,
    );
    expect(again.stdout).not.toMatch(/Service migrate (Recreating|Updating|Creating)/);

    // down: app (the dependent) is removed before db and migrate are.
    const down = await stack.cli(['down']);
    expect(down.code, `${down.stderr}\n${down.stdout}`).toBe(0);
    const appRemoved = at(down.stdout, /Service app Removed/);
    expect(at(down.stdout, /Service db Removing/)).toBeGreaterThan(appRemoved);
    expect(at(down.stdout, /Service migrate Removing/)).toBeGreaterThan(appRemoved);
    expect((await stack.ok(['compose', 'ps', '-a', '-q'])).trim()).toBe('');
    expect((await stack.ok(['ps', '-a', '-q'])).trim()).toBe('');
  });
});

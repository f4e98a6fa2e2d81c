import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackSpecs } from '../../src/manager/stack/index.js';
import { loadProject } from '../../src/compose/index.js';
import { runCli } from '../../src/cli/run.js';
import { captureIo } from '../helpers/cli-io.js';
import { busyboxContexts } from '../../scripts/prepare-examples.js';

const repo = join(import.meta.dirname, '..', '..');
const examples = ['web', 'tiers', 'workers'];
// No daemon answers at this path: `plan` plans against an empty cluster.
const env = {
  HOME: '/nonexistent',
  TSORCH_RUN: '/nonexistent-tsorch-run',
  TSORCH_ROOT: '/nonexistent-tsorch-root',
};

describe.each(examples)('examples/%s', (name) => {
  const file = join(repo, 'examples', name, 'compose.yml');

  it('passes tsorch config without a warning', async () => {
    const c = captureIo(repo, env);
    expect(await runCli(['config', '-f', file, '-q'], c.io)).toBe(0);
    expect(c.stderr()).toBe('');
  });

  it('passes tsorch plan with no unsupported key, everything to create (exit 2)', async () => {
    const c = captureIo(repo, env);
    expect(await runCli(['plan', '-f', file, '--format', 'json'], c.io)).toBe(2);
    const plan = JSON.parse(c.stdout()) as { issues: unknown[]; services: { action: string }[] };
    expect(plan.issues).toEqual([]);
    expect(plan.services.every((s) => s.action === 'create')).toBe(true);
  });

  it('has no unsupported key as a Swarm stack either', async () => {
    const { project } = await loadProject({ files: [file], cwd: repo, env });
    expect(stackSpecs(project, { target: 'stack' }).issues).toEqual([]);
  });

  it('builds every image from its own Dockerfile with the host busybox (prepare-examples)', async () => {
    const { project } = await loadProject({ files: [file], cwd: repo, env });
    const contexts = busyboxContexts(join(repo, 'examples', name));
    const built = Object.values(project.services).flatMap((s) =>
      s.build?.context === undefined ? [] : [s.build.context],
    );
    expect(built.length).toBeGreaterThan(0);
    for (const c of built) expect(contexts).toContain(c);
  });
});

/**
 * `tsorch stack ls` and `tsorch stack services NAME` (Swarm's listings).
 *
 * @module
 */
import type { CliIo } from '../io.js';
import { writeList } from '../output.js';
import type { ComposeDeps } from './actions.js';

/** `tsorch stack ls`: NAME SERVICES. */
export async function runStackLs(io: CliIo, format: string, deps: ComposeDeps): Promise<void> {
  const target = await deps.access.target(io, { start: false });
  const stacks = await target.listStacks(deps.signal);
  writeList(io.stdout, stacks, format, {
    header: ['NAME', 'SERVICES'],
    row: (s) => [s.namespace, String(s.services)],
    data: (s) => ({ name: s.namespace, services: s.services }),
  });
}

/** `tsorch stack services NAME`: NAME MODE REPLICAS IMAGE, replicas as running/wanted. */
export async function runStackServices(
  io: CliIo,
  name: string,
  format: string,
  deps: ComposeDeps,
): Promise<void> {
  const { serviceProgress, taskView } = await import('../../api/stacks/engine.js');
  const target = await deps.access.target(io, { start: false });
  const deployed = await target.read(name, deps.signal);
  const rows = deployed.services
    .map((s) => {
      const tasks = deployed.tasks.filter((t) => t.serviceId === s.id).map(taskView);
      const p = serviceProgress(s.spec, tasks);
      const running = tasks.filter((t) => t.state === 'RUNNING').length;
      return {
        id: s.id,
        name: s.spec.name,
        mode: s.spec.mode.kind,
        replicas: `${running}/${p.wanted}`,
        image: s.spec.task.container.image,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  writeList(io.stdout, rows, format, {
    header: ['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE'],
    row: (r) => [r.id.slice(0, 12), r.name, r.mode, r.replicas, r.image],
  });
}

/**
 * A task of a service → the container this node runs for it, pure. The agent's half of the spec
 * pipeline (docs/design/spec-pipeline.md): the task's {@link ContainerSpec} is used as it is;
 * what a node decides is filled in here.
 *
 * - Name: Swarm's `<service>.<slot>.<task id>` (`<service>.<node id>.<task id>` for global
 *   services), so `docker ps`-style listings read as Swarm's.
 * - Resources: the task's limits become cgroup limits (memory, CPU quota, pids) and its memory
 *   reservation a soft limit; reservations of CPU only guide the scheduler.
 * - Restarts belong to the orchestrator (a restart is a new task), so the node never restarts a
 *   task's container and never removes it on its own: its exit is the task's outcome.
 *
 * @module
 */
import type { ResourceRequirements, Task } from '../store/index.js';
import { cpusToQuota } from '../util/container-flags.js';
import type { ContainerResources } from './runtime/index.js';
import type { LocalContainerSpec } from './containers/types.js';

/** Labels Swarm puts on a task's container, which tsorch keeps for the same tools. */
export const TASK_ID_LABEL = 'com.docker.swarm.task.id';
/** The label naming a task's service id. */
export const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';
/** The label naming a task's node id. */
export const NODE_ID_LABEL = 'com.docker.swarm.node.id';

/** The container name of a task: its annotation name (`service.slot`) and its id. */
export function taskContainerName(task: Task): string {
  return `${task.serviceAnnotations.name}.${task.id}`;
}

/** cgroup settings of a task's resource requirements. */
export function taskResources(r: ResourceRequirements): ContainerResources {
  const out: ContainerResources = {};
  const limits = r.limits;
  if (limits !== undefined) {
    if (limits.memoryBytes > 0) out.memoryBytes = limits.memoryBytes;
    if (limits.nanoCpus > 0) Object.assign(out, cpusToQuota(limits.nanoCpus / 1e9));
    if (limits.pids !== undefined && limits.pids > 0) out.pidsLimit = limits.pids;
  }
  const reserved = r.reservations?.memoryBytes ?? 0;
  if (reserved > 0) out.memoryReservationBytes = reserved;
  return out;
}

/**
 * The networks of a task's container: each attachment with the address the allocator gave it
 * (its MAC follows from the address) and its aliases; a task on no network joins the node's
 * default `bridge` network, for egress, as `docker run` does.
 */
export function taskNetworks(task: Task): Pick<LocalContainerSpec, 'networkMode' | 'networks'> {
  const networks = task.networks.map((a) => {
    const addr = a.addresses[0]?.split('/')[0];
    return {
      network: a.networkId,
      aliases: [...a.aliases],
      ...(addr === undefined ? {} : { ipv4Address: addr }),
    };
  });
  const first = networks[0];
  if (first === undefined) return { networkMode: 'bridge' };
  return { networkMode: first.network, networks };
}

/** The container of `task`, as this node runs it. */
export function taskContainerConfig(task: Task): LocalContainerSpec {
  const spec = task.spec.container;
  return {
    ...spec,
    labels: {
      ...spec.labels,
      [TASK_ID_LABEL]: task.id,
      [SERVICE_ID_LABEL]: task.serviceId,
      [NODE_ID_LABEL]: task.nodeId,
    },
    name: taskContainerName(task),
    ...taskNetworks(task),
    publish: [],
    resources: taskResources(task.spec.resources),
    restartPolicy: { name: 'no', maxRetries: 0 },
    autoRemove: false,
    // The agent reports an unhealthy task; the orchestrator replaces it.
    healthOnFailure: 'none',
  };
}

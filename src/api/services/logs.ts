/**
 * `service logs`: the logs of a service's tasks whose containers run on this node, read with
 * the agent's log reader; every task on another node is named in a note (its logs stay on that
 * node until logs are streamed through the managers).
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import {
  TASK_ID_LABEL,
  followLogs,
  readLogs,
  type ContainerManager,
  type ContainerRecord,
  type LogRecord,
} from '../../agent/index.js';
import { findService, taskName } from '../../manager/index.js';
import type { Store, Task } from '../../store/index.js';
import { serverStream } from '../errors.js';
import type { ServiceLogsRequest__Output } from '../gen/tsorch/v1/ServiceLogsRequest.js';
import type { ServiceLogsResponse } from '../gen/tsorch/v1/ServiceLogsResponse.js';
import { send } from '../stream.js';

/** This node's containers, for `service logs`. */
export interface LocalTaskLogs {
  /** This node's id (the CA's id). */
  nodeId: string;
  manager: ContainerManager;
}

interface Located {
  task: Task;
  name: string;
  container: ContainerRecord;
}

function running(manager: ContainerManager, id: string): boolean {
  const s = manager.list().find((x) => x.id === id)?.state.status;
  return s === 'running' || s === 'paused' || s === 'restarting';
}

/** Splits a service's tasks into those with a container here and notes for the others. */
export function locateTasks(
  tasks: readonly Task[],
  serviceName: string,
  local: LocalTaskLogs | undefined,
  hostnameOf: (nodeId: string) => string,
): { here: Located[]; notes: string[] } {
  const byTask = new Map<string, ContainerRecord>();
  for (const c of local?.manager.list() ?? []) {
    const id = c.spec.labels[TASK_ID_LABEL];
    if (id !== undefined) byTask.set(id, c);
  }
  const here: Located[] = [];
  const notes: string[] = [];
  for (const task of tasks) {
    const name = taskName(task, serviceName);
    const container = byTask.get(task.id);
    if (container !== undefined) here.push({ task, name, container });
    else if (task.nodeId === '') notes.push(`Task "${name}" has no node yet: it has no logs`);
    else if (task.nodeId !== local?.nodeId)
      notes.push(
        `Task "${name}" runs on node "${hostnameOf(task.nodeId)}": its logs are on that node (run \`tsorch service logs\` there)`,
      );
    else notes.push(`Task "${name}" has no container on this node (yet, or any more)`);
  }
  return { here, notes };
}

/** The ServiceLogs stream over `store` and this node's containers. */
export function serviceLogsHandler(
  store: Store,
  local: LocalTaskLogs | undefined,
): grpc.handleServerStreamingCall<ServiceLogsRequest__Output, ServiceLogsResponse> {
  return serverStream<ServiceLogsRequest__Output, ServiceLogsResponse>(
    async (req, call, signal) => {
      const { tasks, serviceName, hostnames } = await store.linearizableView((tx) => {
        const service = findService(tx, req.service);
        const all = tx.find('tasks', 'service', service.id);
        return {
          tasks: all,
          serviceName: service.spec.name,
          hostnames: new Map(
            all.map((t) => [t.nodeId, tx.get('nodes', t.nodeId)?.description.hostname ?? t.nodeId]),
          ),
        };
      });
      const { here, notes } = locateTasks(
        tasks,
        serviceName,
        local,
        (id) => hostnames.get(id) ?? id,
      );
      for (const note of notes) await send(call, { note }, { signal });
      if (local === undefined) return;
      const manager = local.manager;
      const out = (l: Located, r: LogRecord): Promise<void> =>
        send(
          call,
          {
            record: {
              taskId: l.task.id,
              taskName: l.name,
              nodeHostname: hostnames.get(l.task.nodeId) ?? '',
              stream: r.stream,
              time: r.time,
              data: Buffer.from(r.log, 'utf8'),
            },
          },
          { signal },
        );
      const query = (c: ContainerRecord) => ({
        maxFiles: manager.logMaxFiles(c),
        ...(req.tail >= 0 ? { tail: req.tail } : {}),
      });
      if (!req.follow) {
        for (const l of here)
          for (const r of await readLogs(manager.logPath(l.container.id), query(l.container)))
            await out(l, r);
        return;
      }
      await Promise.all(
        here.map(async (l) => {
          const id = l.container.id;
          for await (const r of followLogs(manager.logPath(id), {
            ...query(l.container),
            signal,
            done: () => Promise.resolve(!running(manager, id)),
            exited: manager.wait(id, signal).catch(() => undefined),
          }))
            await out(l, r);
        }),
      );
    },
  );
}

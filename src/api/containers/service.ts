/**
 * gRPC handlers of the Containers and Volumes services: decode, call the manager, encode.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import type { ContainerRecord, Containers, Volume } from '../../agent/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { unary } from '../errors.js';
import type { VolumeInfo } from '../gen/tsorch/v1/VolumeInfo.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { inspectOf, publishDiscarded, publishNote, specFromProto, summaryOf } from './convert.js';
import { execHandler, execInteractiveHandler, logsHandler, runHandler } from './streams.js';

type Req<T> = { container: string } & T;

/** What the node's networks say of a container, for inspect and ps. */
export interface ContainerNetworkView {
  /** docker's NetworkSettings, or undefined when it has no network of its own. */
  settings(rec: ContainerRecord): object | undefined;
  /** Its published ports as docker ps prints them (`0.0.0.0:8080->80/tcp`). */
  ports(rec: ContainerRecord): string[];
}

function volumeOut(v: Volume, usedBy: string[]): VolumeInfo {
  return { ...v, usedBy };
}

/** The Volumes service: volumes with the containers that use them. */
function volumeImplementation({
  manager,
  volumes,
}: Pick<Containers, 'manager' | 'volumes'>): grpc.UntypedServiceImplementation {
  return {
    create: unary(async (req: { name: string; labels: Record<string, string> }) => {
      if (req.name === '')
        throw new InvalidArgumentError('Missing volume name', { details: { field: 'name' } });
      const v = await volumes.create(req.name, { labels: req.labels });
      return { volume: volumeOut(v, manager.volumeUsers(v.name)) };
    }),
    list: unary(async () => ({
      volumes: (await volumes.list()).map((v) => volumeOut(v, manager.volumeUsers(v.name))),
    })),
    inspect: unary(async (req: { name: string }) => {
      const v = await volumes.inspect(req.name);
      return { volume: volumeOut(v, manager.volumeUsers(v.name)) };
    }),
    remove: unary(async (req: { name: string; force: boolean }) => {
      await volumes.remove(req.name, { force: req.force });
      return {};
    }),
    prune: unary(async () => {
      const r = await volumes.prune();
      return { removed: r.removed, reclaimedBytes: String(r.reclaimedBytes) };
    }),
  };
}

/** The Containers and Volumes services over the node's containers. */
export function containerServices(
  { manager, volumes, cgroups }: Containers,
  /** What the node's networks say of a container (src/api/networks). */
  network?: ContainerNetworkView,
): ServiceBinding[] {
  const containers: grpc.UntypedServiceImplementation = {
    create: unary(async (req: { spec: Parameters<typeof specFromProto>[0] }) => {
      const rec = await manager.create(specFromProto(req.spec));
      return {
        id: rec.id,
        name: rec.name,
        warnings: publishDiscarded(rec) ? [publishNote] : [],
      };
    }),
    start: unary(async (req: Req<object>) => {
      await manager.start(req.container);
      return {};
    }),
    stop: unary(async (req: Req<{ timeoutS: number; signal: string }>) => {
      await manager.stop(req.container, {
        timeoutS: req.timeoutS >= 0 ? req.timeoutS : undefined,
        signal: req.signal === '' ? undefined : req.signal,
      });
      return {};
    }),
    restart: unary(async (req: Req<{ timeoutS: number }>) => {
      await manager.restart(req.container, {
        timeoutS: req.timeoutS >= 0 ? req.timeoutS : undefined,
      });
      return {};
    }),
    kill: unary(async (req: Req<{ signal: string }>) => {
      await manager.kill(req.container, req.signal === '' ? 'SIGKILL' : req.signal);
      return {};
    }),
    pause: unary(async (req: Req<object>) => {
      await manager.pause(req.container);
      return {};
    }),
    unpause: unary(async (req: Req<object>) => {
      await manager.unpause(req.container);
      return {};
    }),
    remove: unary(async (req: Req<{ force: boolean; volumes: boolean }>) => {
      await manager.remove(req.container, { force: req.force, volumes: req.volumes });
      return {};
    }),
    wait: unary(async (req: Req<object>, call) => {
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      return manager.wait(req.container, abort.signal);
    }),
    list: unary((req: { all: boolean }) => {
      const now = Date.now();
      const recs = manager
        .list()
        .filter(
          (r) =>
            req.all ||
            r.state.status === 'running' ||
            r.state.status === 'paused' ||
            r.state.status === 'restarting',
        );
      return Promise.resolve({
        containers: recs.map((r) => {
          const s = summaryOf(r, now);
          const ports = network?.ports(r);
          return ports === undefined || ports.length === 0 ? s : { ...s, ports };
        }),
      });
    }),
    inspect: unary((req: Req<object>) => {
      const rec = manager.get(req.container);
      const doc = inspectOf(rec, {
        logPath: manager.logPath(rec.id),
        publishNote: publishDiscarded(rec) ? publishNote : undefined,
        networkSettings: network?.settings(rec),
      });
      return Promise.resolve({ json: JSON.stringify(doc) });
    }),
    run: runHandler(manager),
    logs: logsHandler(manager),
    exec: execHandler(manager),
    execInteractive: execInteractiveHandler(manager),
    stats: unary(async (req: Req<object>) => {
      const rec = manager.get(req.container);
      // A container that is not running has no cgroup: report zeros, as docker stats does.
      const live = rec.state.status === 'running' || rec.state.status === 'paused';
      const s = live
        ? await cgroups.readStats(manager.cgroupsPath(rec.id))
        : { cpuUsageNs: 0, memoryUsageBytes: 0, memoryLimitBytes: 0, pidsCurrent: 0, pidsLimit: 0 };
      return {
        cpuUsageNs: String(s.cpuUsageNs),
        memoryUsageBytes: String(s.memoryUsageBytes),
        memoryLimitBytes: String(s.memoryLimitBytes ?? 0),
        pidsCurrent: String(s.pidsCurrent),
        pidsLimit: String(s.pidsLimit ?? 0),
        readAt: new Date().toISOString(),
      };
    }),
    top: unary(async (req: Req<object>) => manager.top(req.container)),
  };
  return [
    { definition: serviceDefinition('containers', 'Containers'), implementation: containers },
    {
      definition: serviceDefinition('containers', 'Volumes'),
      implementation: volumeImplementation({ manager, volumes }),
    },
  ];
}

/**
 * gRPC handlers of the Containers and Volumes services: decode, call the manager, encode.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import {
  followLogs,
  readLogs,
  startExec,
  timeToNs,
  type ContainerManager,
  type Containers,
  type ExecHandle,
  type Volume,
} from '../../agent/index.js';
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { execStreamMaxChunks } from '../../util/limits.js';
import { serverStream, toGrpcError, unary } from '../errors.js';
import type { ContainerLogsRequest__Output } from '../gen/tsorch/v1/ContainerLogsRequest.js';
import type { ContainerLogsResponse } from '../gen/tsorch/v1/ContainerLogsResponse.js';
import type { ExecContainerRequest__Output } from '../gen/tsorch/v1/ExecContainerRequest.js';
import type { ExecContainerResponse } from '../gen/tsorch/v1/ExecContainerResponse.js';
import type { ExecInteractiveRequest__Output } from '../gen/tsorch/v1/ExecInteractiveRequest.js';
import type { RunContainerRequest__Output } from '../gen/tsorch/v1/RunContainerRequest.js';
import type { RunContainerResponse } from '../gen/tsorch/v1/RunContainerResponse.js';
import type { VolumeInfo } from '../gen/tsorch/v1/VolumeInfo.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { forward, send } from '../stream.js';
import { inspectOf, specFromProto, summaryOf } from './convert.js';

/** Note shown while `-p` is accepted but not yet wired to a network. */
export const publishNote =
  'Ports are recorded but not published yet: publishing arrives with the bridge network driver';

type Req<T> = { container: string } & T;

function parseTime(text: string, field: string): bigint | undefined {
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return BigInt(Math.round(Number(text) * 1e3)) * 1_000_000n;
  const rel = /^(\d+)(s|m|h)$/.exec(text);
  if (rel?.[1] !== undefined) {
    const ms = Number(rel[1]) * (rel[2] === 'h' ? 3_600_000 : rel[2] === 'm' ? 60_000 : 1000);
    return BigInt(Date.now() - ms) * 1_000_000n;
  }
  if (Number.isNaN(Date.parse(text))) {
    throw new InvalidArgumentError(
      `Invalid ${field} "${text}": use RFC 3339, Unix seconds or a duration like 10m`,
      {
        details: { field },
      },
    );
  }
  return timeToNs(text);
}

function volumeOut(v: Volume, usedBy: string[]): VolumeInfo {
  return { ...v, usedBy };
}

/** The Containers and Volumes services over the node's containers. */
export function containerServices({ manager, volumes, cgroups }: Containers): ServiceBinding[] {
  /** True once the container no longer runs (or is gone): a follower then ends. */
  const ended = (id: string): boolean => {
    const s = manager.list().find((x) => x.id === id)?.state.status;
    return s === undefined || !(s === 'running' || s === 'paused' || s === 'restarting');
  };
  const containers: grpc.UntypedServiceImplementation = {
    create: unary(async (req: { spec: Parameters<typeof specFromProto>[0] }) => {
      const rec = await manager.create(specFromProto(req.spec));
      return {
        id: rec.id,
        name: rec.name,
        warnings: rec.spec.publish.length > 0 ? [publishNote] : [],
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
      return Promise.resolve({ containers: recs.map((r) => summaryOf(r, now)) });
    }),
    inspect: unary((req: Req<object>) => {
      const rec = manager.get(req.container);
      const doc = inspectOf(rec, {
        logPath: manager.logPath(rec.id),
        publishNote: rec.spec.publish.length > 0 ? publishNote : undefined,
      });
      return Promise.resolve({ json: JSON.stringify(doc) });
    }),
    run: serverStream<RunContainerRequest__Output, RunContainerResponse>(
      async (req, call, signal) => {
        const rec = await manager.create(specFromProto(req.spec));
        const { id } = rec;
        call.write({
          created: {
            id,
            name: rec.name,
            warnings: rec.spec.publish.length > 0 ? [publishNote] : [],
          },
        });
        // Held from before the start: a container that ends and is auto-removed at once keeps
        // its log until it has been streamed.
        const release = manager.holdFiles(id);
        try {
          try {
            await manager.start(id);
          } catch (err) {
            // docker run --rm leaves nothing behind when the container cannot start.
            if (rec.spec.autoRemove)
              await manager.remove(id, { force: true, volumes: true }).catch(() => undefined);
            throw err;
          }
          for await (const r of followLogs(manager.logPath(id), {
            maxFiles: manager.logMaxFiles,
            signal,
            done: () => Promise.resolve(ended(id)),
            exited: manager.wait(id, signal).catch(() => undefined),
          }))
            await send(
              call,
              { output: { stream: r.stream, time: r.time, data: Buffer.from(r.log) } },
              { signal },
            );
          if (signal.aborted) return;
          call.write({ exited: await manager.wait(id, signal) });
        } finally {
          release();
        }
      },
    ),
    logs: serverStream<ContainerLogsRequest__Output, ContainerLogsResponse>(
      async (req, call, signal) => {
        const rec = manager.get(req.container);
        const sinceNs = parseTime(req.since, 'since');
        const untilNs = parseTime(req.until, 'until');
        const query = {
          maxFiles: manager.logMaxFiles,
          ...(req.tail >= 0 ? { tail: req.tail } : {}),
          ...(sinceNs === undefined ? {} : { sinceNs }),
          ...(untilNs === undefined ? {} : { untilNs }),
        };
        const sendLog = (r: { stream: string; time: string; log: string }): Promise<void> =>
          send(
            call,
            { stream: r.stream, time: r.time, data: Buffer.from(r.log, 'utf8') },
            { signal },
          );
        if (!req.follow) {
          for (const r of await readLogs(manager.logPath(rec.id), query)) await sendLog(r);
          return;
        }
        for await (const r of followLogs(manager.logPath(rec.id), {
          ...query,
          signal,
          done: () => Promise.resolve(ended(rec.id)),
          exited: manager.wait(rec.id, signal).catch(() => undefined),
        }))
          await sendLog(r);
      },
    ),
    exec: serverStream<ExecContainerRequest__Output, ExecContainerResponse>(
      async (req, call, signal) => {
        const rec = manager.get(req.container);
        if (rec.state.status !== 'running') {
          throw new TsorchError(
            'CONTAINER_STATE',
            `Cannot exec in container "${rec.name}": it is ${rec.state.status}`,
          );
        }
        if (req.args.length === 0) {
          throw new InvalidArgumentError('No command to exec', { details: { field: 'args' } });
        }
        const user = req.user === '' ? undefined : await manager.resolveUser(rec.id, req.user);
        const h = await startExec(manager.runtime, rec.id, manager.dir(rec.id), {
          args: req.args,
          env: req.env,
          ...(req.workingDir === '' ? {} : { cwd: req.workingDir }),
          ...(user === undefined ? {} : { user }),
        });
        h.child.stdin.end();
        const options = { signal, maxQueuedChunks: execStreamMaxChunks };
        forward(h.child.stdout, call, (d) => ({ stdout: d }), options);
        forward(h.child.stderr, call, (d) => ({ stderr: d }), options);
        const onAbort = (): void => {
          h.child.kill('SIGKILL');
        };
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          const code = await new Promise<number>((resolve) => {
            h.child.once('error', () => resolve(126));
            h.child.once('close', (c, sig) => resolve(c ?? (sig === null ? 1 : 128)));
          });
          call.write({ exitCode: code });
        } finally {
          signal.removeEventListener('abort', onAbort);
          await h.cleanup();
        }
      },
    ),
    execInteractive: (
      call: grpc.ServerDuplexStream<ExecInteractiveRequest__Output, ExecContainerResponse>,
    ) => {
      runInteractive(manager, call).catch((err: unknown) => {
        call.emit('error', toGrpcError(err));
      });
    },
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
  const volumeService: grpc.UntypedServiceImplementation = {
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
  return [
    { definition: serviceDefinition('containers', 'Containers'), implementation: containers },
    { definition: serviceDefinition('containers', 'Volumes'), implementation: volumeService },
  ];
}

/**
 * ExecInteractive: the first message starts the process (optionally on a terminal), later ones
 * feed its stdin; output and the exit code go back as Exec's responses.
 */
async function runInteractive(
  manager: ContainerManager,
  call: grpc.ServerDuplexStream<ExecInteractiveRequest__Output, ExecContainerResponse>,
): Promise<void> {
  const queued: ExecInteractiveRequest__Output[] = [];
  const state: { handle?: ExecHandle } = {};
  const feed = (m: ExecInteractiveRequest__Output): void => {
    const handle = state.handle;
    if (handle === undefined) {
      queued.push(m);
      return;
    }
    if (m.event === 'stdin' && m.stdin !== undefined) handle.child.stdin.write(m.stdin);
    else if (m.event === 'stdinClose') handle.child.stdin.end();
  };
  const first = await new Promise<ExecInteractiveRequest__Output | undefined>((resolve) => {
    call.once('data', (m: ExecInteractiveRequest__Output) => {
      call.on('data', feed);
      resolve(m);
    });
    call.once('end', () => resolve(undefined));
  });
  const req = first?.start;
  if (first?.event !== 'start' || req === undefined || req === null) {
    throw new InvalidArgumentError('The first ExecInteractive message must be "start"', {
      details: { field: 'start' },
    });
  }
  const rec = manager.get(req.container);
  if (rec.state.status !== 'running') {
    throw new TsorchError(
      'CONTAINER_STATE',
      `Cannot exec in container "${rec.name}": it is ${rec.state.status}`,
    );
  }
  if (req.args.length === 0)
    throw new InvalidArgumentError('No command to exec', { details: { field: 'args' } });
  const user = req.user === '' ? undefined : await manager.resolveUser(rec.id, req.user);
  const h = await startExec(manager.runtime, rec.id, manager.dir(rec.id), {
    args: req.args,
    env: req.env,
    tty: req.tty,
    ttySize: { height: req.ttyHeight, width: req.ttyWidth },
    shimPath: await manager.shimPath(),
    ...(req.workingDir === '' ? {} : { cwd: req.workingDir }),
    ...(user === undefined ? {} : { user }),
  });
  state.handle = h;
  h.child.stdin.on('error', () => undefined);
  for (const m of queued.splice(0)) feed(m);
  call.on('end', () => h.child.stdin.end());
  call.on('cancelled', () => h.child.kill('SIGKILL'));
  const options = { maxQueuedChunks: execStreamMaxChunks };
  forward(h.child.stdout, call, (d) => ({ stdout: d }), options);
  forward(h.child.stderr, call, (d) => ({ stderr: d }), options);
  try {
    const code = await new Promise<number>((resolve) => {
      h.child.once('error', () => resolve(126));
      h.child.once('close', (c, sig) => resolve(c ?? (sig === null ? 1 : 128)));
    });
    call.write({ exitCode: code });
    call.end();
  } finally {
    await h.cleanup();
  }
}

/**
 * The streaming handlers of the Containers service: Run, Logs, Exec and ExecInteractive. Each
 * waits for the client when it reads slower than the container writes (src/api/stream.ts).
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
  type ExecHandle,
  type ExecOptions,
} from '../../agent/index.js';
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { execStreamMaxChunks } from '../../util/limits.js';
import { serverStream, toGrpcError } from '../errors.js';
import type { ContainerLogsRequest__Output } from '../gen/tsorch/v1/ContainerLogsRequest.js';
import type { ContainerLogsResponse } from '../gen/tsorch/v1/ContainerLogsResponse.js';
import type { ExecContainerRequest__Output } from '../gen/tsorch/v1/ExecContainerRequest.js';
import type { ExecContainerResponse } from '../gen/tsorch/v1/ExecContainerResponse.js';
import type { ExecInteractiveRequest__Output } from '../gen/tsorch/v1/ExecInteractiveRequest.js';
import type { RunContainerRequest__Output } from '../gen/tsorch/v1/RunContainerRequest.js';
import type { RunContainerResponse } from '../gen/tsorch/v1/RunContainerResponse.js';
import { forward, send, type DrainableStream } from '../stream.js';
import { publishDiscarded, publishNote, specFromProto } from './convert.js';

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

/** True once the container no longer runs (or is gone): a follower then ends. */
function ended(manager: ContainerManager, id: string): boolean {
  const s = manager.list().find((x) => x.id === id)?.state.status;
  return s === undefined || !(s === 'running' || s === 'paused' || s === 'restarting');
}

/** The fields of an exec request both Exec and ExecInteractive carry. */
interface ExecRequest {
  container: string;
  args: string[];
  env: string[];
  workingDir: string;
  user: string;
}

/**
 * Starts `req`'s process in its container.
 *
 * @throws {TsorchError} CONTAINER_STATE when the container does not run; INVALID_ARGUMENT
 *   without a command.
 */
async function startExecIn(
  manager: ContainerManager,
  req: ExecRequest,
  terminal: Pick<ExecOptions, 'tty' | 'ttySize' | 'shimPath'> = {},
): Promise<ExecHandle> {
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
  return startExec(manager.runtime, rec.id, manager.dir(rec.id), {
    args: req.args,
    env: req.env,
    ...terminal,
    ...(req.workingDir === '' ? {} : { cwd: req.workingDir }),
    ...(user === undefined ? {} : { user }),
  });
}

/** Streams the process's output to `call` and resolves with its exit code. */
function outputAndExit(
  h: ExecHandle,
  call: DrainableStream<ExecContainerResponse>,
  signal?: AbortSignal,
): Promise<number> {
  const options = { maxQueuedChunks: execStreamMaxChunks, ...(signal ? { signal } : {}) };
  forward(h.child.stdout, call, (d) => ({ stdout: d }), options);
  forward(h.child.stderr, call, (d) => ({ stderr: d }), options);
  return new Promise<number>((resolve) => {
    h.child.once('error', () => resolve(126));
    h.child.once('close', (c, sig) => resolve(c ?? (sig === null ? 1 : 128)));
  });
} /** Run: creates and starts a container, then streams its output until it exits. */

export function runHandler(
  manager: ContainerManager,
): grpc.handleServerStreamingCall<RunContainerRequest__Output, RunContainerResponse> {
  return serverStream<RunContainerRequest__Output, RunContainerResponse>(
    async (req, call, signal) => {
      const rec = await manager.create(specFromProto(req.spec));
      const { id } = rec;
      call.write({
        created: {
          id,
          name: rec.name,
          warnings: publishDiscarded(rec) ? [publishNote] : [],
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
          maxFiles: manager.logMaxFiles(rec),
          signal,
          done: () => Promise.resolve(ended(manager, id)),
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
  );
}

/** Logs: a container's stored output, then (with follow) new output until it ends. */
export function logsHandler(
  manager: ContainerManager,
): grpc.handleServerStreamingCall<ContainerLogsRequest__Output, ContainerLogsResponse> {
  return serverStream<ContainerLogsRequest__Output, ContainerLogsResponse>(
    async (req, call, signal) => {
      const rec = manager.get(req.container);
      const sinceNs = parseTime(req.since, 'since');
      const untilNs = parseTime(req.until, 'until');
      const query = {
        maxFiles: manager.logMaxFiles(rec),
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
        done: () => Promise.resolve(ended(manager, rec.id)),
        exited: manager.wait(rec.id, signal).catch(() => undefined),
      }))
        await sendLog(r);
    },
  );
}

/** Exec: runs a process in a running container and streams its output and exit code. */
export function execHandler(
  manager: ContainerManager,
): grpc.handleServerStreamingCall<ExecContainerRequest__Output, ExecContainerResponse> {
  return serverStream<ExecContainerRequest__Output, ExecContainerResponse>(
    async (req, call, signal) => {
      const h = await startExecIn(manager, req);
      h.child.stdin.end();
      const exited = outputAndExit(h, call, signal);
      const onAbort = (): void => {
        h.child.kill('SIGKILL');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        call.write({ exitCode: await exited });
      } finally {
        signal.removeEventListener('abort', onAbort);
        await h.cleanup();
      }
    },
  );
}

/** ExecInteractive: as Exec, with stdin (and optionally a terminal) from the client. */
export function execInteractiveHandler(
  manager: ContainerManager,
): grpc.handleBidiStreamingCall<ExecInteractiveRequest__Output, ExecContainerResponse> {
  return (call: grpc.ServerDuplexStream<ExecInteractiveRequest__Output, ExecContainerResponse>) => {
    runInteractive(manager, call).catch((err: unknown) => {
      call.emit('error', toGrpcError(err));
    });
  };
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
  const h = await startExecIn(manager, req, {
    tty: req.tty,
    ttySize: { height: req.ttyHeight, width: req.ttyWidth },
    shimPath: await manager.shimPath(),
  });
  state.handle = h;
  h.child.stdin.on('error', () => undefined);
  for (const m of queued.splice(0)) feed(m);
  call.on('end', () => h.child.stdin.end());
  call.on('cancelled', () => h.child.kill('SIGKILL'));
  try {
    call.write({ exitCode: await outputAndExit(h, call) });
    call.end();
  } finally {
    await h.cleanup();
  }
}

/**
 * The Attach handler of the ContainerStreams service: a container's main process to a client
 * and back, through the shim's attach socket (docs/adr/024).
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import {
  attachToShim,
  DetachScanner,
  parseDetachKeys,
  readLogs,
  type ContainerManager,
  type ContainerRecord,
  type ShimAttachment,
} from '../../agent/index.js';
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { toGrpcError } from '../errors.js';
import type { AttachRequest__Output } from '../gen/tsorch/v1/AttachRequest.js';
import type { AttachResponse } from '../gen/tsorch/v1/AttachResponse.js';
import type { AttachStart__Output } from '../gen/tsorch/v1/AttachStart.js';
import { send } from '../stream.js';

type Call = grpc.ServerDuplexStream<AttachRequest__Output, AttachResponse>;

/** Attach: see proto/tsorch/v1/streams.proto. */
export function attachHandler(
  manager: ContainerManager,
): grpc.handleBidiStreamingCall<AttachRequest__Output, AttachResponse> {
  return (call: Call) => {
    runAttach(manager, call).catch((err: unknown) => {
      call.emit('error', toGrpcError(err));
    });
  };
}

const live = (rec: ContainerRecord): boolean =>
  rec.state.status === 'running' || rec.state.status === 'paused';

/** The first message, which must be `start`; later ones are queued until the attachment. */
async function firstMessage(
  call: Call,
  queued: AttachRequest__Output[],
): Promise<AttachStart__Output> {
  const first = await new Promise<AttachRequest__Output | undefined>((resolve) => {
    call.once('data', (m: AttachRequest__Output) => {
      call.on('data', (later: AttachRequest__Output) => queued.push(later));
      resolve(m);
    });
    call.once('end', () => resolve(undefined));
  });
  const start = first?.start;
  if (first?.event !== 'start' || start === undefined || start === null) {
    throw new InvalidArgumentError('The first Attach message must be "start"', {
      details: { field: 'start' },
    });
  }
  return start;
}

/**
 * Starts the container (with `start`) and connects to its shim. A container that ended before
 * the connection is answered from its log (the output since its start).
 */
async function connect(
  manager: ContainerManager,
  rec: ContainerRecord,
  start: boolean,
): Promise<ShimAttachment | undefined> {
  if (start && !live(rec)) {
    try {
      await manager.start(rec.id);
    } catch (err) {
      // docker run --rm leaves nothing behind when the container cannot start.
      if (rec.spec.autoRemove)
        await manager.remove(rec.id, { force: true, volumes: true }).catch(() => undefined);
      throw err;
    }
  } else if (!live(rec)) {
    throw new TsorchError(
      'CONTAINER_STATE',
      `Cannot attach to container "${rec.name}": it is ${rec.state.status}`,
      { hint: 'start it first (tsorch start -a -i)' },
    );
  }
  try {
    return await attachToShim(manager.attachPath(rec.id), { replay: start });
  } catch (err) {
    // Just started and already gone (the shim removes its socket at the exit): the log has it.
    if (start) return undefined;
    throw err;
  }
}

async function runAttach(manager: ContainerManager, call: Call): Promise<void> {
  const queued: AttachRequest__Output[] = [];
  const req = await firstMessage(call, queued);
  const rec = manager.get(req.container);
  const scanner = new DetachScanner(parseDetachKeys(req.detachKeys));
  const abort = new AbortController();
  call.on('cancelled', () => abort.abort());
  // Held from before the start: a container that ends (and is removed) at once keeps its log
  // for the fallback below.
  const release = manager.holdFiles(rec.id);
  try {
    // The log's clock, from before the start (the record's start time comes after it).
    const sinceNs = BigInt(Date.now()) * 1_000_000n;
    const a = await connect(manager, rec, req.start);
    if (a === undefined) {
      // Ended before the connection: its output since this start is in the log.
      const logs = await readLogs(manager.logPath(rec.id), {
        maxFiles: manager.logMaxFiles(rec),
        sinceNs,
      });
      for (const r of logs)
        await send(call, { [r.stream]: Buffer.from(r.log) }, { signal: abort.signal });
    } else {
      const detached = await relay(rec, req, a, { call, queued, scanner, abort });
      if (detached) {
        call.write({ detached: true });
        call.end();
        return;
      }
    }
    if (abort.signal.aborted) return;
    const exit = await manager.wait(rec.id, abort.signal);
    call.write({ exited: { exitCode: exit.exitCode, oomKilled: exit.oomKilled } });
    call.end();
  } finally {
    release();
  }
}

/** Relays input and output until the container ends (false) or the client detaches (true). */
async function relay(
  rec: ContainerRecord,
  req: AttachStart__Output,
  a: ShimAttachment,
  o: {
    call: Call;
    queued: AttachRequest__Output[];
    scanner: DetachScanner;
    abort: AbortController;
  },
): Promise<boolean> {
  const { call } = o;
  const state = { detached: false };
  const stdin = req.stdin && rec.spec.openStdin === true;
  const feed = (m: AttachRequest__Output): void => {
    if (m.event === 'resize' && m.resize !== null && m.resize !== undefined) {
      a.resize(m.resize.height, m.resize.width);
    } else if (m.event === 'stdin' && m.stdin !== undefined && stdin) {
      const { forward, detached } = o.scanner.feed(m.stdin);
      if (forward.length > 0) a.write(forward);
      if (detached) {
        state.detached = true;
        a.close();
      }
    } else if (m.event === 'stdinClose' && stdin) {
      a.closeInput();
    }
  };
  if (req.ttyHeight > 0 && req.ttyWidth > 0) a.resize(req.ttyHeight, req.ttyWidth);
  call.removeAllListeners('data');
  for (const m of o.queued.splice(0)) feed(m);
  call.on('data', feed);
  o.abort.signal.addEventListener('abort', () => a.close(), { once: true });
  try {
    for await (const f of a.output()) {
      await send(call, { [f.stream]: f.data }, { signal: o.abort.signal });
    }
  } catch (err) {
    // A closed connection after a detach or a cancel is the expected end; so is a reset by a
    // shim that ended with the container.
    const reset = (err as NodeJS.ErrnoException).code === 'ECONNRESET';
    if (!reset && !state.detached && !o.abort.signal.aborted) throw err;
  } finally {
    a.close();
  }
  return state.detached;
}

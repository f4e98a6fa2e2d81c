/**
 * `tsorch build` on the CLI side: checks the flags, sends the context as a tar stream
 * (`tsorch.v1.Builder/BuildStream`, so the daemon need not share this machine's files) and
 * prints its progress (plain lines, one per step, RUN output indented).
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { BuildResponse__Output } from '../../api/gen/tsorch/v1/BuildResponse.js';
import type { PruneBuildCacheResponse__Output } from '../../api/gen/tsorch/v1/PruneBuildCacheResponse.js';
import type * as grpc from '@grpc/grpc-js';
import { fromGrpcError } from '../../api/errors.js';
import { connectDaemon, type DaemonClient } from '../client.js';
import { packContext } from './context-tar.js';
import { UsageError, type CliIo } from '../io.js';
import { decimalSize, shortId } from '../output.js';

/** Builds can take long: the stream gets an hour. */
const buildDeadlineMs = 60 * 60_000;

/**
 * Parses `--build-arg` values: `KEY=VALUE`, or `KEY` taken from the environment (skipped when
 * unset, as Docker does).
 *
 * @throws {UsageError} for an empty key.
 */
export function parseBuildArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    if (key === '') throw new UsageError(`Invalid --build-arg "${a}": use KEY=VALUE`);
    const value = eq < 0 ? env[key] : a.slice(eq + 1);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

type BuildCall = grpc.ClientDuplexStream<Record<string, unknown>, BuildResponse__Output>;

/**
 * Builder.BuildStream: sends the options, then the context's tar (with backpressure), and
 * yields the daemon's events.
 */
async function* buildStream(
  daemon: DaemonClient,
  options: Record<string, unknown>,
  context: AsyncIterable<Buffer>,
): AsyncGenerator<BuildResponse__Output> {
  const client = daemon.service('build', 'Builder') as unknown as {
    buildStream(o: grpc.CallOptions): BuildCall;
  };
  const call = client.buildStream({ deadline: Date.now() + buildDeadlineMs });
  call.write({ options });
  const failure: { read?: Error } = {};
  const sending = (async () => {
    for await (const chunk of context) {
      if (call.write({ context: chunk })) continue;
      // The call may end (refused) while waiting: 'close' ends the wait too.
      await new Promise<void>((resolve) => {
        call.once('drain', resolve);
        call.once('close', resolve);
      });
    }
    call.end();
  })().catch((err: unknown) => {
    failure.read = err instanceof Error ? err : new Error(String(err));
    call.cancel();
  });
  try {
    for await (const msg of call) yield msg as BuildResponse__Output;
  } catch (err) {
    // A failed read of the context cancels the call: report the read.
    if (failure.read !== undefined) throw failure.read;
    throw fromGrpcError(err as grpc.ServiceError);
  }
  await sending;
  if (failure.read !== undefined) throw failure.read;
}

/** The context to send: a directory packed as a tar, or a tar read from stdin (`-`). */
function contextStream(
  context: string,
  contextDir: string,
  dockerfile: string,
): AsyncIterable<Buffer> {
  if (context !== '-') return packContext(contextDir, dockerfile);
  if (process.stdin.isTTY) {
    throw new UsageError('Pipe the build context to standard input as a tar archive');
  }
  return process.stdin as AsyncIterable<Buffer>;
}

/**
 * Runs `tsorch build`.
 *
 * @throws {UsageError} when the context is not a directory or the Dockerfile is outside it.
 */
export async function buildCommand(
  io: CliIo,
  context: string,
  opts: Record<string, unknown>,
): Promise<void> {
  const contextDir = path.resolve(io.cwd, context);
  const st = context === '-' ? undefined : await fs.stat(contextDir).catch(() => undefined);
  if (context !== '-' && st?.isDirectory() !== true)
    throw new UsageError(`Cannot use "${context}" as the build context: not a directory`);
  let dockerfile = '';
  if (typeof opts['file'] === 'string' && context === '-') {
    dockerfile = opts['file'];
  } else if (typeof opts['file'] === 'string') {
    dockerfile = path.relative(contextDir, path.resolve(io.cwd, opts['file']));
    if (dockerfile.startsWith('..') || path.isAbsolute(dockerfile)) {
      throw new UsageError(
        `Cannot use "${opts['file']}" as the Dockerfile: it must be inside the build context`,
      );
    }
  }
  const request = {
    dockerfile,
    tags: (opts['tag'] as string[] | undefined) ?? [],
    buildArgs: parseBuildArgs((opts['buildArg'] as string[] | undefined) ?? [], io.env),
    target: typeof opts['target'] === 'string' ? opts['target'] : '',
    noCache: opts['cache'] === false,
  };
  const quiet = opts['quiet'] === true;
  const started = Date.now();
  const daemon = connectDaemon(io.env);
  try {
    let imageId = '';
    let pending = '';
    for await (const msg of buildStream(
      daemon,
      request,
      contextStream(context, contextDir, dockerfile),
    )) {
      if (quiet) {
        if (msg.imageId !== undefined) imageId = msg.imageId;
        continue;
      }
      if (msg.step != null) {
        const s = msg.step;
        io.stdout.write(
          `[${s.stage} ${s.step}/${s.total}] ${s.text}${s.cached ? '  CACHED' : ''}\n`,
        );
      } else if (msg.output !== undefined) {
        pending += msg.output;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) io.stdout.write(`  | ${line}\n`);
      } else if (msg.imageId !== undefined) {
        imageId = msg.imageId;
      }
    }
    if (quiet) {
      io.stdout.write(`${imageId}\n`);
      return;
    }
    if (pending !== '') io.stdout.write(`  | ${pending}\n`);
    io.stdout.write(
      `Successfully built ${shortId(imageId)} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
    );
    for (const t of request.tags) io.stdout.write(`Successfully tagged ${t}\n`);
  } finally {
    daemon.close();
  }
}

/** Runs `tsorch builder prune`. */
export async function pruneCommand(io: CliIo): Promise<void> {
  const daemon = connectDaemon(io.env);
  try {
    const r = await daemon.unary<PruneBuildCacheResponse__Output>(
      daemon.service('build', 'Builder'),
      'prune',
      {},
    );
    io.stdout.write(
      `Deleted ${r.removedSteps} cached steps and ${r.removedLayers} layers\nTotal reclaimed space: ${decimalSize(Number(r.reclaimedBytes))}\n`,
    );
  } finally {
    daemon.close();
  }
}

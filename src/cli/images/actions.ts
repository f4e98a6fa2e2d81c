/**
 * The image commands (loaded lazily by src/cli/commands/image.ts and login.ts):
 * talks to the daemon's Images service and prints Docker-like output.
 *
 * @module
 */
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { fromGrpcError } from '../../api/errors.js';
import type { ImageSummary__Output } from '../../api/gen/tsorch/v1/ImageSummary.js';
import type { ListImagesResponse__Output } from '../../api/gen/tsorch/v1/ListImagesResponse.js';
import type { LoadImagesResponse__Output } from '../../api/gen/tsorch/v1/LoadImagesResponse.js';
import type { InspectImageResponse__Output } from '../../api/gen/tsorch/v1/InspectImageResponse.js';
import type { PruneImagesResponse__Output } from '../../api/gen/tsorch/v1/PruneImagesResponse.js';
import type { PullImageResponse__Output } from '../../api/gen/tsorch/v1/PullImageResponse.js';
import type { PushImageResponse__Output } from '../../api/gen/tsorch/v1/PushImageResponse.js';
import type { RemoveImageResponse__Output } from '../../api/gen/tsorch/v1/RemoveImageResponse.js';
import { TsorchError } from '../../util/errors.js';
import { defaultRegistry, parseReference } from '../../util/image-reference.js';
import { connectDaemon, type DaemonClient } from '../client.js';
import { UsageError, type CliIo } from '../io.js';
import { ago, decimalSize, shortId, writeList } from '../output.js';
import { configFile, loadCredentials, removeCredentials, saveCredentials } from './credentials.js';
import { ProgressPrinter } from './progress-printer.js';

/** Streams (pull, push, load of large archives) get this much time. */
const longCallDeadlineMs = 60 * 60_000;

function isTty(io: CliIo): boolean {
  return (io.stdout as { isTTY?: boolean }).isTTY === true;
}

async function withDaemon<T>(io: CliIo, fn: (d: DaemonClient) => Promise<T>): Promise<T> {
  const daemon = connectDaemon(io.env);
  try {
    return await fn(daemon);
  } finally {
    daemon.close();
  }
}

function images(d: DaemonClient): ReturnType<DaemonClient['service']> {
  return d.service('images', 'Images');
}

async function authFor(
  io: CliIo,
  ref: string,
): Promise<{ username: string; password: string } | undefined> {
  return loadCredentials(configFile(io.env), parseReference(ref).registry);
}

/** Runs one `tsorch image <verb>`. */
export async function imageCommand(
  io: CliIo,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  await withDaemon(io, async (d) => {
    const svc = images(d);
    switch (verb) {
      case 'ls': {
        const res = await d.unary<ListImagesResponse__Output>(svc, 'list', {});
        printList(io, res.images, opts);
        return;
      }
      case 'inspect': {
        const out: unknown[] = [];
        for (const ref of args) {
          const res = await d.unary<InspectImageResponse__Output>(svc, 'inspect', {
            reference: ref,
          });
          out.push(JSON.parse(res.json));
        }
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      case 'load': {
        const input = opts['input'];
        const res = await loadStream(
          svc,
          typeof input === 'string' && input !== '-' ? path.resolve(io.cwd, input) : undefined,
        );
        for (const img of res.images) {
          if (img.repoTags.length === 0) io.stdout.write(`Loaded image ID: ${img.id}\n`);
          for (const t of img.repoTags) io.stdout.write(`Loaded image: ${t}\n`);
        }
        return;
      }
      case 'save': {
        const output = opts['output'];
        const gzip =
          opts['gzip'] === true || (typeof output === 'string' && /\.(tgz|gz)$/.test(output));
        if (typeof output !== 'string' || output === '-') await saveToStdout(io, d, args, gzip);
        else await saveToFile(d, args, gzip, path.resolve(io.cwd, output));
        return;
      }
      case 'tag':
        await d.unary(svc, 'tag', { source: args[0], target: args[1] });
        return;
      case 'rm': {
        for (const ref of args) {
          const res = await d.unary<RemoveImageResponse__Output>(svc, 'remove', {
            reference: ref,
            force: opts['force'] === true,
          });
          for (const u of res.untagged) io.stdout.write(`Untagged: ${u}\n`);
          for (const x of res.deleted) io.stdout.write(`Deleted: ${x}\n`);
        }
        return;
      }
      case 'prune': {
        const res = await d.unary<PruneImagesResponse__Output>(svc, 'prune', {
          all: opts['all'] === true,
        });
        if (res.deleted.length > 0)
          io.stdout.write(
            `Deleted Images:\n${res.deleted.map((x) => `deleted: ${x}\n`).join('')}\n`,
          );
        io.stdout.write(`Total reclaimed space: ${decimalSize(Number(res.reclaimedBytes))}\n`);
        return;
      }
      case 'pull':
        await pull(io, d, args[0] ?? '', opts);
        return;
      case 'push':
        await push(io, d, args[0] ?? '', opts);
        return;
      default:
        throw new UsageError(`Unknown image command "${verb}"`);
    }
  });
}

/**
 * Streams an archive (the file `file`, or standard input) to the daemon's LoadStream: the CLI
 * may run on another machine than the daemon.
 *
 * @throws {TsorchError} when the file cannot be opened; UsageError when stdin is a terminal.
 */
async function loadStream(
  svc: grpc.Client,
  file: string | undefined,
): Promise<LoadImagesResponse__Output> {
  let source: NodeJS.ReadableStream;
  if (file === undefined) {
    if (process.stdin.isTTY) {
      throw new UsageError('Name the archive with -i FILE, or pipe it to standard input');
    }
    source = process.stdin;
  } else {
    const handle = await fs.open(file, 'r').catch((err: unknown) => {
      const code = (err as NodeJS.ErrnoException).code;
      throw new TsorchError(
        code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_ARGUMENT',
        `Cannot open the image archive "${file}": ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
      );
    });
    source = handle.createReadStream();
  }
  return new Promise((resolve, reject) => {
    const call = (svc as unknown as { loadStream: LoadStreamFn }).loadStream(
      { deadline: Date.now() + longCallDeadlineMs },
      (err, res) => {
        if (err) reject(fromGrpcError(err));
        else resolve(res as LoadImagesResponse__Output);
      },
    );
    source.on('data', (data: Buffer) => {
      if (!call.write({ data })) {
        source.pause();
        call.once('drain', () => source.resume());
      }
    });
    source.on('end', () => call.end());
    source.on('error', (err: unknown) => {
      call.cancel();
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

type LoadStreamFn = (
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: unknown) => void,
) => grpc.ClientWritableStream<{ data: Buffer }>;

/** The daemon's SaveStream, chunk by chunk. */
function saveChunks(
  d: DaemonClient,
  refs: string[],
  gzip: boolean,
): AsyncGenerator<{ data: Buffer }> {
  return d.stream<{ data: Buffer }>(
    images(d),
    'saveStream',
    { references: refs, path: '', gzip },
    { deadlineMs: longCallDeadlineMs },
  );
}

/** Writes the daemon's SaveStream to standard output (refusing a terminal, as Docker does). */
async function saveToStdout(
  io: CliIo,
  d: DaemonClient,
  refs: string[],
  gzip: boolean,
): Promise<void> {
  if (isTty(io)) {
    throw new UsageError(
      'Refusing to write an image archive to a terminal',
      'Use -o FILE or redirect standard output',
    );
  }
  const out = io.stdout as unknown as {
    write(chunk: Buffer): unknown;
    once?: (event: 'drain', fn: () => void) => unknown;
  };
  for await (const chunk of saveChunks(d, refs, gzip)) {
    if (out.write(chunk.data) === false && out.once !== undefined) {
      const once = out.once.bind(out);
      await new Promise<void>((resolve) => once('drain', resolve));
    }
  }
}

/** Writes the daemon's SaveStream to `file`: a temporary file beside it, renamed when whole. */
async function saveToFile(
  d: DaemonClient,
  refs: string[],
  gzip: boolean,
  file: string,
): Promise<void> {
  const tmp = `${file}.tsorch-${String(process.pid)}.tmp`;
  const handle = await fs.open(tmp, 'w', 0o644).catch((err: unknown) => {
    throw new UsageError(
      `Cannot write the archive "${file}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  });
  try {
    for await (const chunk of saveChunks(d, refs, gzip)) await handle.write(chunk.data);
    await handle.close();
    await fs.rename(tmp, file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Splits a `name:tag` into repository and tag (`<none>` for dangling). */
export function splitTag(repoTag: string): [string, string] {
  const i = repoTag.lastIndexOf(':');
  if (i < 0 || repoTag.slice(i).includes('/')) return [repoTag, '<none>'];
  return [repoTag.slice(0, i), repoTag.slice(i + 1)];
}

/** One `image ls` row: an image under one of its tags (`first` marks its first row). */
interface ImageRow {
  image: ImageSummary__Output;
  repository: string;
  tag: string;
  first: boolean;
}

function printList(io: CliIo, list: ImageSummary__Output[], opts: Record<string, unknown>): void {
  if (opts['quiet'] === true) {
    io.stdout.write([...new Set(list.map((i) => shortId(i.id)))].map((x) => `${x}\n`).join(''));
    return;
  }
  const now = Date.now();
  const rows = list.flatMap((image): ImageRow[] => {
    const tags = image.repoTags.length > 0 ? image.repoTags.map(splitTag) : [['<none>', '<none>']];
    return tags.map(([repository = '', tag = ''], i) => ({
      image,
      repository,
      tag,
      first: i === 0,
    }));
  });
  const format = opts['format'] as string | undefined;
  const json = format === 'json';
  // JSON lists each image once, as the daemon describes it; tables and templates, each tag.
  writeList(io.stdout, json ? rows.filter((r) => r.first) : rows, format, {
    header: ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'],
    row: (r) => [
      r.repository,
      r.tag,
      shortId(r.image.id),
      ago(r.image.created, now),
      decimalSize(Number(r.image.sizeBytes)),
    ],
    data: (r) => ({
      ...r.image,
      sizeBytes: Number(r.image.sizeBytes),
      ...(json ? {} : { repository: r.repository, tag: r.tag }),
    }),
    json: 'array',
  });
}

async function pull(
  io: CliIo,
  d: DaemonClient,
  ref: string,
  opts: Record<string, unknown>,
): Promise<void> {
  const auth = await authFor(io, ref);
  const printer = new ProgressPrinter(io);
  const parsed = parseReference(ref);
  io.stdout.write(
    `Pulling ${ref}${parsed.tag === undefined && parsed.digest === undefined ? ':latest' : ''}\n`,
  );
  const request = {
    reference: ref,
    auth: auth ?? null,
    platform: typeof opts['platform'] === 'string' ? opts['platform'] : '',
    insecure: opts['insecure'] === true,
  };
  for await (const msg of d.stream<PullImageResponse__Output>(images(d), 'pull', request, {
    deadlineMs: longCallDeadlineMs,
  })) {
    if (msg.progress != null) printer.update(msg.progress);
    if (msg.image != null)
      io.stdout.write(`Status: Downloaded ${msg.image.repoTags[0] ?? msg.image.id}\n`);
  }
}

async function push(
  io: CliIo,
  d: DaemonClient,
  ref: string,
  opts: Record<string, unknown>,
): Promise<void> {
  const auth = await authFor(io, ref);
  const quiet = opts['quiet'] === true;
  const printer = new ProgressPrinter(io);
  const parsed = parseReference(ref);
  const repository = `${parsed.registry}/${parsed.repository}`;
  if (!quiet) io.stdout.write(`The push refers to repository [${repository}]\n`);
  const request = { reference: ref, auth: auth ?? null, insecure: opts['insecure'] === true };
  for await (const msg of d.stream<PushImageResponse__Output>(images(d), 'push', request, {
    deadlineMs: longCallDeadlineMs,
  })) {
    if (msg.progress != null && !quiet) printer.update(msg.progress);
  }
  // Quiet prints only the pushed reference, fully qualified (as `docker push -q`).
  if (quiet) {
    const at = parsed.digest === undefined ? `:${parsed.tag ?? 'latest'}` : `@${parsed.digest}`;
    io.stdout.write(`${repository}${at}\n`);
  }
}

/** `tsorch login [SERVER]`: checks the credentials with the daemon and saves them. */
export async function loginCommand(
  io: CliIo,
  server: string | undefined,
  opts: Record<string, unknown>,
): Promise<void> {
  const registry = server ?? defaultRegistry;
  const username = opts['username'];
  let password = opts['password'];
  if (opts['passwordStdin'] === true) password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (typeof username !== 'string' || username === '')
    throw new UsageError('Give the user name with -u USER');
  if (typeof password !== 'string' || password === '')
    throw new UsageError('Give the password with -p PASSWORD or --password-stdin');
  await withDaemon(io, async (d) => {
    await d.unary(images(d), 'registryLogin', {
      registry,
      auth: { username, password },
      insecure: opts['insecure'] === true,
    });
  });
  await saveCredentials(configFile(io.env), registry, { username, password });
  io.stdout.write('Login Succeeded\n');
}

/** `tsorch logout [SERVER]`. */
export async function logoutCommand(io: CliIo, server: string | undefined): Promise<void> {
  const registry = server ?? defaultRegistry;
  const removed = await removeCredentials(configFile(io.env), registry);
  io.stdout.write(
    removed ? `Removing login credentials for ${registry}\n` : `Not logged in to ${registry}\n`,
  );
}

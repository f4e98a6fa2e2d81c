/**
 * Container logs in docker's json-file format: one JSON object per line,
 * `{"log":"text\n","stream":"stdout"|"stderr","time":"RFC 3339 nanoseconds"}`, written by the
 * shim to `<dir>/container.log` and rotated to `container.log.1` ... `.N-1` by size.
 * This module reads them back: all, the last N, since a time, and following new records
 * across rotations.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { logFollowPollMs, logReadMaxBytes } from '../../util/limits.js';

/** One log record. */
export interface LogRecord {
  stream: 'stdout' | 'stderr';
  /** The text, with its trailing newline when the line was complete. */
  log: string;
  /** RFC 3339 with nanoseconds, UTC. */
  time: string;
}

/** Parses one line of a json-file log; undefined for a malformed or partial line. */
export function parseLogLine(line: string): LogRecord | undefined {
  if (line === '') return undefined;
  try {
    const rec = JSON.parse(line) as Partial<LogRecord>;
    if (typeof rec.log !== 'string' || typeof rec.time !== 'string') return undefined;
    return { stream: rec.stream === 'stderr' ? 'stderr' : 'stdout', log: rec.log, time: rec.time };
  } catch {
    return undefined;
  }
}

/**
 * Converts an RFC 3339 time with up to nanosecond precision into nanoseconds since the epoch
 * (as a bigint, so ordering survives the sub-millisecond digits).
 */
export function timeToNs(time: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (m?.[1] === undefined || m[3] === undefined) return BigInt(Date.parse(time) || 0) * 1_000_000n;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  const frac = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  return BigInt(ms) * 1_000_000n + BigInt(frac);
}

/** Which records to return. */
export interface LogQuery {
  /** Only the last N records (after `since`); all when absent. */
  tail?: number;
  /** Only records at or after this time, in ns since the epoch. */
  sinceNs?: bigint;
  /** Only records before this time, in ns since the epoch. */
  untilNs?: bigint;
  /** Rotated files to look at (the shim's max files). */
  maxFiles: number;
}

/** Paths of the log files, oldest first. */
export function logFilePaths(path: string, maxFiles: number): string[] {
  const out: string[] = [];
  for (let i = maxFiles - 1; i >= 1; i -= 1) out.push(`${path}.${i}`);
  out.push(path);
  return out;
}

async function readIfExists(path: string): Promise<string> {
  try {
    const fh = await fs.open(path, 'r');
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, logReadMaxBytes);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return buf.toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

function matches(rec: LogRecord, q: Pick<LogQuery, 'sinceNs' | 'untilNs'>): boolean {
  if (q.sinceNs === undefined && q.untilNs === undefined) return true;
  const t = timeToNs(rec.time);
  return (q.sinceNs === undefined || t >= q.sinceNs) && (q.untilNs === undefined || t < q.untilNs);
}

/** Reads the records stored now, oldest first, filtered by `query`. */
export async function readLogs(path: string, query: LogQuery): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for (const file of logFilePaths(path, query.maxFiles)) {
    const text = await readIfExists(file);
    for (const line of text.split('\n')) {
      const rec = parseLogLine(line);
      if (rec !== undefined && matches(rec, query)) out.push(rec);
    }
  }
  return query.tail === undefined ? out : out.slice(Math.max(0, out.length - query.tail));
}

/** Options of {@link followLogs}. */
export interface FollowOptions extends LogQuery {
  signal: AbortSignal;
  /** Polled after the file is drained: true ends the stream (the container has exited). */
  done: () => Promise<boolean>;
  /** Settles when the container exits, to end the poll wait early. */
  exited?: Promise<unknown>;
}

/**
 * Yields the stored records (as {@link readLogs}) and then every new one, following the file
 * across rotations, until `done()` holds with nothing left to read or `signal` aborts.
 */
export async function* followLogs(path: string, opts: FollowOptions): AsyncGenerator<LogRecord> {
  // Take the current file's identity and size first, so no record falls between the two reads.
  let fh = await openOrUndefined(path);
  let ino = fh === undefined ? 0 : (await fh.stat()).ino;
  let pos = fh === undefined ? 0 : (await fh.stat()).size;
  const rotated = logFilePaths(path, opts.maxFiles).slice(0, -1);
  const past: LogRecord[] = [];
  for (const file of rotated) {
    for (const line of (await readIfExists(file)).split('\n')) {
      const rec = parseLogLine(line);
      if (rec !== undefined && matches(rec, opts)) past.push(rec);
    }
  }
  if (fh !== undefined && pos > 0) {
    const buf = Buffer.alloc(pos);
    await fh.read(buf, 0, pos, 0);
    for (const line of buf.toString('utf8').split('\n')) {
      const rec = parseLogLine(line);
      if (rec !== undefined && matches(rec, opts)) past.push(rec);
    }
  }
  yield* opts.tail === undefined ? past : past.slice(Math.max(0, past.length - opts.tail));
  let partial = '';
  try {
    while (!opts.signal.aborted) {
      let progressed = false;
      if (fh !== undefined) {
        const chunk = await readFrom(fh, pos);
        if (chunk.length > 0) {
          pos += chunk.length;
          progressed = true;
          const lines = (partial + chunk.toString('utf8')).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) {
            const rec = parseLogLine(line);
            if (rec !== undefined && matches(rec, opts)) yield rec;
          }
        }
      }
      if (progressed) continue;
      // Drained: has the file been rotated away under us?
      const st = await fs.stat(path).catch(() => undefined);
      if (st !== undefined && st.ino !== ino) {
        await fh?.close();
        fh = await openOrUndefined(path);
        ino = st.ino;
        pos = 0;
        partial = '';
        continue;
      }
      if (await opts.done()) {
        // One more pass: the shim may have written between the read and the check.
        if (fh !== undefined && (await readFrom(fh, pos)).length > 0) continue;
        return;
      }
      await sleepOrExit(logFollowPollMs, opts.exited);
    }
  } finally {
    await fh?.close();
  }
}

async function sleepOrExit(ms: number, exited: Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const sleep = new Promise<void>((r) => (timer = setTimeout(r, ms)));
  await (exited === undefined ? sleep : Promise.race([sleep, exited.catch(() => undefined)]));
  clearTimeout(timer);
}

async function openOrUndefined(path: string): Promise<fs.FileHandle | undefined> {
  try {
    return await fs.open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function readFrom(fh: fs.FileHandle, pos: number): Promise<Buffer> {
  const buf = Buffer.alloc(64 * 1024);
  const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
  return buf.subarray(0, bytesRead);
}

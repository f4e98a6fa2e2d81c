import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followLogs, parseLogLine, readLogs, timeToNs } from './json-file.js';

const rec = (log: string, time: string, stream = 'stdout') => JSON.stringify({ log, stream, time });
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'tsorch-logs-'));
  dirs.push(d);
  return d;
}

describe('json-file logs', () => {
  it('parseLogLine() accepts records and ignores torn lines', () => {
    expect(parseLogLine(rec('a\n', '2024-01-01T00:00:00.5Z', 'stderr'))).toEqual({
      log: 'a\n',
      stream: 'stderr',
      time: '2024-01-01T00:00:00.5Z',
    });
    expect(parseLogLine('{"log":"x"')).toBeUndefined();
  });
  it('timeToNs() keeps nanoseconds', () => {
    expect(timeToNs('1970-01-01T00:00:01.000000002Z')).toBe(1_000_000_002n);
  });
  it('readLogs() reads rotated files oldest first, with tail and since', async () => {
    const d = tmp();
    const p = join(d, 'container.log');
    writeFileSync(`${p}.2`, `${rec('1\n', '2024-01-01T00:00:01Z')}\n`);
    writeFileSync(`${p}.1`, `${rec('2\n', '2024-01-01T00:00:02Z')}\n`);
    writeFileSync(
      p,
      `${rec('3\n', '2024-01-01T00:00:03Z')}\n${rec('4\n', '2024-01-01T00:00:04Z')}\n`,
    );
    const all = await readLogs(p, { maxFiles: 3 });
    expect(all.map((r) => r.log)).toEqual(['1\n', '2\n', '3\n', '4\n']);
    expect((await readLogs(p, { maxFiles: 3, tail: 2 })).map((r) => r.log)).toEqual(['3\n', '4\n']);
    const since = timeToNs('2024-01-01T00:00:02Z');
    expect((await readLogs(p, { maxFiles: 3, sinceNs: since })).map((r) => r.log)).toEqual([
      '2\n',
      '3\n',
      '4\n',
    ]);
  });
  it('followLogs() yields stored records then ends when done', async () => {
    const d = tmp();
    const p = join(d, 'container.log');
    writeFileSync(p, `${rec('a\n', '2024-01-01T00:00:01Z')}\n`);
    const got: string[] = [];
    for await (const r of followLogs(p, {
      maxFiles: 3,
      signal: new AbortController().signal,
      done: () => Promise.resolve(true),
    })) {
      got.push(r.log);
    }
    expect(got).toEqual(['a\n']);
  });

  it('followLogs() follows the file across a rotation without losing records', async () => {
    const d = tmp();
    const p = join(d, 'container.log');
    writeFileSync(p, `${rec('1\n', '2024-01-01T00:00:01Z')}\n`);
    let finished = false;
    const it = followLogs(p, {
      maxFiles: 3,
      signal: new AbortController().signal,
      done: () => Promise.resolve(finished),
    });
    const got: string[] = [];
    const first = await it.next();
    if (!first.done) got.push(first.value.log);
    // The shim appends one more record, then rotates and writes to a fresh file.
    appendFileSync(p, `${rec('2\n', '2024-01-01T00:00:02Z')}\n`);
    renameSync(p, `${p}.1`);
    writeFileSync(p, `${rec('3\n', '2024-01-01T00:00:03Z')}\n`);
    finished = true;
    for await (const r of it) got.push(r.log);
    expect(got).toEqual(['1\n', '2\n', '3\n']);
  });
});

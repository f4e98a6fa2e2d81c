/**
 * `tsorch stats`: samples streamed by the daemon (ContainerStreams.Stats), shown as docker
 * stats shows them: a table redrawn in place on a terminal until Ctrl-C, one table with
 * `--no-stream`, or one JSON object / template line per container and sample.
 *
 * @module
 */
import type { ContainerStatsSample__Output } from '../../api/gen/tsorch/v1/ContainerStatsSample.js';
import type { StatsResponse__Output } from '../../api/gen/tsorch/v1/StatsResponse.js';
import { connectDaemon } from '../client.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { binarySize, decimalSize, parseFormat, shortId, writeList } from '../output.js';

/** One row, with docker's `--format` field names. */
export interface StatsRow {
  Container: string;
  ID: string;
  Name: string;
  CPUPerc: string;
  MemUsage: string;
  MemPerc: string;
  NetIO: string;
  BlockIO: string;
  PIDs: string;
}

/** A sample as docker prints it. */
export function statsRow(s: ContainerStatsSample__Output, noTrunc: boolean): StatsRow {
  const n = (v: string): number => Number(v);
  const id = noTrunc ? s.id : shortId(s.id);
  return {
    Container: id,
    ID: id,
    Name: s.name,
    CPUPerc: `${s.cpuPercent.toFixed(2)}%`,
    MemUsage: `${binarySize(n(s.memoryUsageBytes))} / ${binarySize(n(s.memoryLimitBytes))}`,
    MemPerc: `${s.memoryPercent.toFixed(2)}%`,
    NetIO: `${decimalSize(n(s.netRxBytes))} / ${decimalSize(n(s.netTxBytes))}`,
    BlockIO: `${decimalSize(n(s.blockReadBytes))} / ${decimalSize(n(s.blockWriteBytes))}`,
    PIDs: s.pidsCurrent,
  };
}

const header = [
  'CONTAINER ID',
  'NAME',
  'CPU %',
  'MEM USAGE / LIMIT',
  'MEM %',
  'NET I/O',
  'BLOCK I/O',
  'PIDS',
];

/** Options of `tsorch stats`. */
export interface StatsOptions {
  all?: boolean;
  /** commander's `--no-stream` sets `stream: false`. */
  stream?: boolean;
  noTrunc?: boolean;
  format?: string;
}

/** docker's "clear screen, cursor home", written before each table on a terminal. */
const clearScreen = '\u001b[2J\u001b[H';

/** `tsorch stats [containers...]`: until Ctrl-C, or one sample with --no-stream. */
export async function showStats(
  io: CliIo,
  containers: string[],
  opts: StatsOptions,
): Promise<void> {
  const format = parseFormat(opts.format);
  const stream = opts.stream !== false;
  if (opts.all === true && containers.length > 0)
    throw new UsageError('Conflicting options: --all and container names');
  const terminal = (io.stdout as { isTTY?: boolean }).isTTY === true;
  const client = connectDaemon(io.env);
  const service = client.service('streams', 'ContainerStreams');
  const abort = new AbortController();
  const onSignal = (): void => {
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  try {
    for await (const r of client.stream<StatsResponse__Output>(
      service,
      'stats',
      { containers, all: opts.all === true, stream, intervalMs: 0 },
      { signal: abort.signal },
    )) {
      const rows = r.samples.map((s) => statsRow(s, opts.noTrunc === true));
      if (format.kind === 'table' && stream && terminal) io.stdout.write(clearScreen);
      writeList(io.stdout, rows, opts.format, {
        header,
        row: (x) => [
          x.Container,
          x.Name,
          x.CPUPerc,
          x.MemUsage,
          x.MemPerc,
          x.NetIO,
          x.BlockIO,
          x.PIDs,
        ],
      });
    }
  } finally {
    process.off('SIGINT', onSignal);
    client.close();
  }
}

/**
 * The client side of `tsorch swarm`.
 *
 * @module
 */
import type { GetJoinTokenResponse__Output } from '../../api/gen/tsorch/v1/GetJoinTokenResponse.js';
import type { SwarmInitResponse__Output } from '../../api/gen/tsorch/v1/SwarmInitResponse.js';
import type { SwarmInspectResponse__Output } from '../../api/gen/tsorch/v1/SwarmInspectResponse.js';
import type { SwarmJoinResponse__Output } from '../../api/gen/tsorch/v1/SwarmJoinResponse.js';
import type { CaStatus__Output } from '../../api/gen/tsorch/v1/CaStatus.js';
import { parseDurationMs } from '../../util/container-flags.js';
import { TsorchError } from '../../util/errors.js';
import { connectDaemon } from '../client.js';
import { UsageError, type CliIo } from '../io.js';

/** Calls `tsorch.v1.Swarm/<method>` on the daemon the environment points at. */
export function callSwarm<Res>(io: CliIo, method: string, request: unknown): Promise<Res> {
  return callCluster<Res>(io, ['cluster', 'Swarm'], method, request);
}

/** Calls `tsorch.v1.<service>/<method>` (proto file `file`) on the daemon. */
async function callCluster<Res>(
  io: CliIo,
  [file, service]: [string, string],
  method: string,
  request: unknown,
): Promise<Res> {
  const daemon = connectDaemon(io.env);
  try {
    return await daemon.unary<Res>(daemon.service(file, service), method, request, {
      deadlineMs: 60_000,
    });
  } finally {
    daemon.close();
  }
}

/** How long `swarm ca --rotate` waits for every node to move to the new root by default. */
const CA_ROTATE_WAIT_MS = 120_000;

/** `swarm ca [--rotate [--detach]]`. */
async function swarmCa(io: CliIo, opts: Record<string, unknown>): Promise<void> {
  const call = (method: string): Promise<{ status: CaStatus__Output | null }> =>
    callCluster(io, ['ca', 'CaControl'], method, {});
  const waitMs =
    typeof opts['timeout'] === 'string'
      ? durationFlag(opts['timeout'], '--timeout')
      : CA_ROTATE_WAIT_MS;
  if (opts['rotate'] !== true) {
    if (opts['detach'] === true) throw new UsageError('--detach needs --rotate');
    const { status } = await call('getCaStatus');
    if (status?.rotating === true) io.stderr.write(pendingLine(status));
    io.stdout.write(status?.rootCertPem ?? '');
    return;
  }
  let { status } = await call('rotateRootCa');
  if (opts['detach'] === true) {
    io.stdout.write(`Root CA rotation started: new root ${status?.rootDigest ?? ''}\n`);
    return;
  }
  const until = Date.now() + waitMs;
  let shown = -1;
  while (status?.rotating === true) {
    if (status.pendingNodeIds.length !== shown) {
      shown = status.pendingNodeIds.length;
      io.stderr.write(pendingLine(status));
    }
    if (Date.now() >= until) {
      throw new TsorchError(
        'CLUSTER_CA_ROTATION_PENDING',
        `The root CA rotation did not finish within ${waitMs / 1000} s: ${status.pendingNodeIds.length} node(s) still hold a certificate under the previous root (${status.pendingNodeIds.join(', ')})`,
        {
          hint: 'it goes on in the background: a node that is down renews when it is back; remove one gone for good with "tsorch node rm"; "tsorch swarm ca" shows the progress',
        },
      );
    }
    await new Promise((r) => setTimeout(r, 1_000));
    ({ status } = await call('getCaStatus'));
  }
  io.stdout.write(status?.rootCertPem ?? '');
}

/** Reads all of stdin (the unlock key; piped, or typed and ended with ctrl-d). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Enter unlock key: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    // A key is one line: stop at the first newline so a terminal need not send ctrl-d.
    if ((chunk as Buffer).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function pendingLine(status: CaStatus__Output): string {
  return `Root CA rotation in progress: ${status.pendingNodeIds.length} node(s) still to renew under the new root\n`;
}

function durationFlag(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const ms = parseDurationMs(value, flag);
  if (ms <= 0) {
    throw new UsageError(
      `Invalid value for ${flag}: "${value}": use a duration such as 720h or 30m`,
    );
  }
  return ms;
}

function countFlag(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`Invalid value for ${flag}: "${value}": use a positive whole number`);
  }
  return n;
}

function joinCommand(token: string, addrs: readonly string[]): string {
  return `    tsorch swarm join --token ${token} ${addrs[0] ?? '<manager-address>'}\n`;
}

/** Runs one `swarm` verb. */
export async function swarmCommand(
  io: CliIo,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  const opt = (k: string): string | undefined => {
    const v = opts[k];
    return typeof v === 'string' ? v : undefined;
  };
  const str = (k: string): string => opt(k) ?? '';
  switch (verb) {
    case 'init': {
      const r = await callSwarm<SwarmInitResponse__Output>(io, 'init', {
        listenAddr: str('listenAddr'),
        advertiseAddr: str('advertiseAddr'),
        certExpiryMs: durationFlag(opt('certExpiry'), '--cert-expiry'),
        autolock: opts['autolock'] === true,
      });
      io.stdout.write(
        `Swarm initialized: current node (${r.nodeId}) is now a manager.\n\n` +
          'To add a worker to this swarm, run the following command:\n\n' +
          joinCommand(r.workerToken, [r.advertiseAddr]) +
          "\nTo add a manager to this swarm, run 'tsorch swarm join-token manager' and follow the instructions.\n",
      );
      if (r.unlockKey !== '') {
        io.stdout.write(
          '\nTo unlock a swarm manager after it restarts, run `tsorch swarm unlock` and give this key:\n\n' +
            `    ${r.unlockKey}\n\n` +
            'Keep it safe: without it a restarted manager cannot read its data.\n',
        );
      }
      return;
    }
    case 'join': {
      const r = await callSwarm<SwarmJoinResponse__Output>(io, 'join', {
        token: str('token'),
        remoteAddr: args[0] ?? '',
        listenAddr: str('listenAddr'),
        advertiseAddr: str('advertiseAddr'),
      });
      io.stdout.write(`This node joined a swarm as a ${r.role}.\n`);
      return;
    }
    case 'join-token': {
      const role = args[0] ?? '';
      if (role !== 'worker' && role !== 'manager') {
        throw new UsageError(`Invalid role "${role}": use worker or manager`);
      }
      const r = await callSwarm<GetJoinTokenResponse__Output>(io, 'getJoinToken', {
        role,
        rotate: opts['rotate'] === true,
      });
      if (opts['quiet'] === true) {
        io.stdout.write(`${r.token}\n`);
        return;
      }
      if (opts['rotate'] === true) io.stdout.write(`Successfully rotated ${role} join token.\n\n`);
      io.stdout.write(
        `To add a ${role} to this swarm, run the following command:\n\n` +
          joinCommand(r.token, r.managerAddrs),
      );
      return;
    }
    case 'leave': {
      await callSwarm(io, 'leave', { force: opts['force'] === true });
      io.stdout.write('Node left the swarm.\n');
      return;
    }
    case 'update': {
      await callSwarm(io, 'update', {
        certExpiryMs: durationFlag(opt('certExpiry'), '--cert-expiry'),
        snapshotIntervalEntries: countFlag(opt('snapshotInterval'), '--snapshot-interval'),
        heartbeatPeriodMs: durationFlag(opt('dispatcherHeartbeat'), '--dispatcher-heartbeat'),
        taskHistoryLimit: countFlag(opt('taskHistoryLimit'), '--task-history-limit'),
      });
      io.stdout.write('Swarm updated.\n');
      return;
    }
    case 'inspect': {
      const r = await callSwarm<SwarmInspectResponse__Output>(io, 'inspect', {});
      io.stdout.write(`${JSON.stringify(r.cluster, null, 2)}\n`);
      return;
    }
    case 'ca':
      await swarmCa(io, opts);
      return;
    case 'unlock-key': {
      const r = await callCluster<{ unlockKey: string }>(io, ['ca', 'CaControl'], 'getUnlockKey', {
        rotate: opts['rotate'] === true,
      });
      if (opts['quiet'] === true) {
        io.stdout.write(`${r.unlockKey}\n`);
        return;
      }
      if (opts['rotate'] === true) io.stdout.write('Successfully rotated manager unlock key.\n\n');
      io.stdout.write(
        `To unlock a swarm manager after it restarts, run \`tsorch swarm unlock\` and give this key:\n\n    ${r.unlockKey}\n`,
      );
      return;
    }
    case 'unlock': {
      const key = (await readStdin()).trim();
      if (key === '') throw new UsageError('Give the unlock key on stdin');
      await callCluster(io, ['ca', 'CaControl'], 'unlock', { unlockKey: key });
      io.stdout.write('Node unlocked.\n');
      return;
    }
    default:
      throw new UsageError(`Unknown swarm command "${verb}"`);
  }
}

/**
 * The embedded default's cluster (ADR 031): a daemon started with `--single-node` (what
 * `tsorch daemon start` and `tsorch up` start) makes itself a one-node cluster manager on its
 * first start, so the stack commands work on a machine where nothing was set up. Its cluster
 * port listens on a loopback address only, one of 127.0.0.0/8 chosen from the state directory
 * (two embedded daemons with their own roots do not meet), so nothing of the cluster is
 * reachable from another machine. Later starts restore the membership from the state directory
 * and do not initialize again; a node that already is in a cluster (joined by hand) is left as
 * it is.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { TsorchError } from '../util/errors.js';
import type { Logger } from '../util/log.js';

/** First port tried for the cluster listener; the next ones up to the window's end follow. */
export const singleNodePortBase = 23_770;
/** How many ports after the first one are tried when it is taken. */
const portWindow = 100;

/**
 * The loopback address of the embedded cluster of state directory `root`: 127.A.B.C with A,B,C
 * from a hash of the path (A in 1..254, so never 127.0.0.x; C in 1..254).
 */
export function singleNodeHost(root: string): string {
  const h = createHash('sha256').update(root).digest();
  const byte = (i: number): number => 1 + ((h[i] ?? 0) % 254);
  return `127.${byte(0)}.${(h[1] ?? 0) % 256}.${byte(2)}`;
}

/** Whether a TCP listener can bind `host:port` now. */
function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/**
 * The cluster address of the embedded default: its loopback host and the first free port of
 * the window (the port is kept in the membership on disk, so later starts reuse it).
 *
 * @throws {TsorchError} FAILED_PRECONDITION when no port of the window is free.
 */
export async function singleNodeAddress(root: string): Promise<string> {
  const host = singleNodeHost(root);
  for (let port = singleNodePortBase; port < singleNodePortBase + portWindow; port += 1)
    if (await canBind(host, port)) return `${host}:${String(port)}`;
  throw new TsorchError(
    'FAILED_PRECONDITION',
    `Cannot make the single-node cluster: no free port in ${singleNodePortBase}-${singleNodePortBase + portWindow - 1} on ${host}`,
    { hint: 'free one of these ports, or run "tsorch swarm init --listen-addr ADDR" by hand' },
  );
}

/** What {@link ensureSingleNode} needs of the daemon's cluster membership. */
export interface SingleNodeSwarm {
  clusterId(): string | undefined;
  init(req: { listenAddr: string; advertiseAddr: string; certExpiryMs: string }): Promise<unknown>;
}

/**
 * Makes the node a single-node cluster manager unless it is in a cluster already (restored from
 * disk by the controller's start). A `--listen-addr` given to the daemon wins over loopback.
 */
export async function ensureSingleNode(
  swarm: SingleNodeSwarm,
  config: { root: string; listenAddr: string; advertiseAddr: string },
  log: Logger,
): Promise<void> {
  if (swarm.clusterId() !== undefined) return;
  const given = config.listenAddr !== '';
  const addr = given ? config.listenAddr : await singleNodeAddress(config.root);
  await swarm.init({
    listenAddr: addr,
    advertiseAddr: given ? config.advertiseAddr : addr,
    certExpiryMs: '0',
  });
  log.info('single-node cluster initialized', { addr, loopbackOnly: !given });
}

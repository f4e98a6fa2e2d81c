/**
 * `tsorch daemon`: creates the state and runtime directories (private, see state-dirs.ts), guards
 * against a second daemon on the same runtime directory (pid file) or state directory (lock), opens the node's parts ({@link openNode}) and serves their gRPC
 * services on the local unix socket (mode 0600), and shuts down cleanly on SIGTERM/SIGINT.
 *
 * @module
 */
import { chmodSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { TsorchError } from '../util/errors.js';
import { daemonShutdownGraceMs, grpcMaxMessageBytes } from '../util/limits.js';
import type { Logger } from '../util/log.js';
import type { DaemonConfig } from './config.js';
import { clusterServices } from '../api/cluster/index.js';
import { SwarmController } from './manager-swarm.js';
import { closeNode, nodeServices, openNode, type NodeParts } from './node.js';
import { ensureSingleNode } from './single-node.js';
import { ensurePrivateDir, lockRoot, type RootLock } from './state-dirs.js';
import { processAlive } from '../util/process.js';

/** A running daemon. */
export interface RunningDaemon {
  readonly config: DaemonConfig;
  readonly node: NodeParts;
  /** Stops serving, closes the node's parts and removes the socket and pid file. Idempotent. */
  stop(): Promise<void>;
}

/** Takes the pid file, or fails when another live daemon holds it. */
function acquirePidFile(path: string, runDir: string): void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot start the daemon: another tsorch daemon (pid ${pid}) uses the runtime directory "${runDir}"`,
          { hint: 'stop it first, or give this one its own --run and --root directories' },
        );
      }
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new TsorchError('FAILED_PRECONDITION', `Cannot take the pid file "${path}"`);
}

async function bindUnixSocket(server: grpc.Server, socketPath: string): Promise<void> {
  rmSync(socketPath, { force: true });
  // Create the socket already private: no window in which other users could connect.
  const oldMask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.bindAsync(`unix:${socketPath}`, grpc.ServerCredentials.createInsecure(), (err) => {
        if (err) reject(err);
        else resolve();
      });
    });
  } finally {
    process.umask(oldMask);
  }
  chmodSync(socketPath, 0o600);
}

/**
 * Starts a daemon with `config`.
 *
 * @throws {TsorchError} FAILED_PRECONDITION when another daemon uses the same runtime or state
 *   directory.
 */
export async function startDaemon(config: DaemonConfig, log: Logger): Promise<RunningDaemon> {
  ensurePrivateDir(config.root, '--root');
  ensurePrivateDir(config.run, '--run');
  acquirePidFile(config.pidFile, config.run);
  let rootLock: RootLock;
  try {
    rootLock = lockRoot(config.root);
  } catch (err) {
    rmSync(config.pidFile, { force: true });
    throw err;
  }
  const startedAt = new Date();
  const opened: { node?: NodeParts; swarm?: SwarmController } = {};
  const server = new grpc.Server({
    'grpc.max_receive_message_length': grpcMaxMessageBytes,
    'grpc.max_send_message_length': grpcMaxMessageBytes,
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await shutdownServer(server);
      await opened.swarm?.stop().catch((err: unknown) => {
        log.error('manager stop failed', { err });
      });
      if (opened.node !== undefined) {
        await closeNode(opened.node).catch((err: unknown) => {
          log.error('node stop failed', { err });
        });
      }
      rmSync(config.socketPath, { force: true });
      rmSync(config.pidFile, { force: true });
      rootLock.release();
    })();
    return stopping;
  };
  try {
    const node = await openNode(config, log);
    opened.node = node;
    for (const s of nodeServices(node, config, startedAt, log)) {
      server.addService(s.definition, s.implementation);
    }
    const swarm: SwarmController = new SwarmController({
      config,
      log: log.with({ component: 'swarm' }),
      agent: node.agent,
      localServer: server,
      clusterServices: () => clusterServices(swarm, () => swarm.clusterId()),
    });
    opened.swarm = swarm;
    for (const s of clusterServices(swarm, () => swarm.clusterId())) {
      server.addService(s.definition, s.implementation);
    }
    await swarm.start();
    // Before the socket answers: whoever finds the embedded default finds a manager.
    if (config.singleNode) await ensureSingleNode(swarm, config, log);
    await bindUnixSocket(server, config.socketPath);
    log.info('daemon ready', { socket: config.socketPath, root: config.root, pid: process.pid });
    return {
      config,
      get node() {
        return swarm.node;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function shutdownServer(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, daemonShutdownGraceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

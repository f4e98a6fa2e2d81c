/**
 * `tsorch daemon`: creates the state and runtime directories, guards against a second daemon on
 * the same runtime directory, starts the components and serves their gRPC services on the local
 * unix socket (mode 0600), and shuts down cleanly on SIGTERM/SIGINT.
 *
 * @module
 */
import {
  chmodSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { assert } from '../util/assert.js';
import { TsorchError } from '../util/errors.js';
import { daemonShutdownGraceMs, grpcMaxMessageBytes } from '../util/limits.js';
import type { Logger } from '../util/log.js';
import type { Component, ComponentFactory, DaemonContext } from './component.js';
import type { DaemonConfig } from './config.js';

/** A running daemon. */
export interface RunningDaemon {
  readonly config: DaemonConfig;
  readonly components: readonly Component[];
  /** Stops serving, stops the components and removes the socket and pid file. Idempotent. */
  stop(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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

async function createComponents(
  factories: readonly ComponentFactory[],
  config: DaemonConfig,
  log: Logger,
): Promise<Component[]> {
  const components: Component[] = [];
  const startedAt = new Date();
  const names: string[] = factories.map((f) => f.name);
  for (const factory of factories) {
    const ctx: DaemonContext = {
      config,
      log: log.with({ component: factory.name }),
      startedAt,
      componentNames: names,
      require<T>(name: string): T {
        const found = components.find((c) => c.name === name);
        assert(
          found !== undefined,
          `Component "${factory.name}" needs "${name}" created before it`,
        );
        return found.api as T;
      },
    };
    components.push(await factory.create(ctx));
  }
  return components;
}

/**
 * Starts a daemon with `config` and the given component factories.
 *
 * @throws {TsorchError} FAILED_PRECONDITION when another daemon uses the same runtime directory.
 */
export async function startDaemon(
  config: DaemonConfig,
  factories: readonly ComponentFactory[],
  log: Logger,
): Promise<RunningDaemon> {
  mkdirSync(config.root, { recursive: true, mode: 0o700 });
  mkdirSync(config.run, { recursive: true, mode: 0o700 });
  acquirePidFile(config.pidFile, config.run);
  const abort = new AbortController();
  const started: Component[] = [];
  const server = new grpc.Server({
    'grpc.max_receive_message_length': grpcMaxMessageBytes,
    'grpc.max_send_message_length': grpcMaxMessageBytes,
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      abort.abort();
      await shutdownServer(server);
      for (const c of [...started].reverse()) {
        try {
          await c.stop?.();
        } catch (err) {
          log.error('component stop failed', { component: c.name, err });
        }
      }
      rmSync(config.socketPath, { force: true });
      rmSync(config.pidFile, { force: true });
    })();
    return stopping;
  };
  try {
    const components = await createComponents(factories, config, log);
    for (const c of components) {
      await c.start?.(abort.signal);
      started.push(c);
      for (const s of c.services ?? []) server.addService(s.definition, s.implementation);
    }
    await bindUnixSocket(server, config.socketPath);
    log.info('daemon ready', { socket: config.socketPath, root: config.root, pid: process.pid });
    return { config, components, stop };
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

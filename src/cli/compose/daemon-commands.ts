/**
 * `tsorch daemon start` and `tsorch daemon stop`: the embedded default's daemon in the
 * background (implementation in embedded.ts, loaded when used).
 *
 * @module
 */
import type { Command } from 'commander';
import type { DaemonFlags } from '../../daemon/index.js';
import type { CliIo } from '../io.js';

/** Adds `start` and `stop` under `tsorch daemon`, which keeps its foreground meaning. */
export function registerDaemonControl(daemon: Command, io: CliIo): void {
  daemon
    .command('start')
    .description(
      'start the daemon in the background (the flags of `tsorch daemon` apply) and wait until it answers',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const { startDaemonInBackground } = await import('./embedded.js');
      const flags = cmd.optsWithGlobals<DaemonFlags>();
      const r = await startDaemonInBackground(io, flags);
      io.stdout.write(
        r.started
          ? `tsorch daemon started (pid ${r.pid}); log: ${r.log}\n`
          : `tsorch daemon already running (pid ${r.pid}); log: ${r.log}\n`,
      );
    });
  daemon
    .command('stop')
    .description('stop the background daemon (SIGTERM by its pid file) and wait until it exits')
    .action(async (_opts: unknown, cmd: Command) => {
      const { stopDaemon } = await import('./embedded.js');
      const { pid } = await stopDaemon(io, cmd.optsWithGlobals<DaemonFlags>());
      io.stdout.write(`tsorch daemon stopped (pid ${pid})\n`);
    });
}

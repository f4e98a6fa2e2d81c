import { resolveDaemonConfig, startDaemon, type DaemonFlags } from '../../daemon/index.js';
import { createLogger } from '../../util/log.js';
import type { CliIo } from '../io.js';

/** Runs the daemon until SIGTERM or SIGINT. */
export async function runDaemonCommand(flags: DaemonFlags, io: CliIo): Promise<void> {
  const config = resolveDaemonConfig(flags, io.env, io.cwd);
  const log = createLogger({ level: config.logLevel, write: (l) => io.stderr.write(l) });
  const daemon = await startDaemon(config, log);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      log.info('shutting down', { signal });
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      daemon.stop().then(resolve, (err: unknown) => {
        log.error('shutdown failed', { err });
        resolve();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  log.info('daemon stopped');
}

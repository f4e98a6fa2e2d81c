#!/usr/bin/env node
/**
 * The `tsorch` executable: runs the CLI on the process's arguments and exits with its code.
 *
 * @module
 */
import { runCli } from './run.js';

// A reader that went away (`tsorch run --help | head -3`) ends the output, not with a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2));

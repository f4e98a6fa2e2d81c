#!/usr/bin/env node
/**
 * The `tsorch` executable: runs the CLI on the process's arguments and exits with its code.
 *
 * @module
 */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2));

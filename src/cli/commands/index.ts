/**
 * The list of command groups. Each module registers its commands in its own file here
 * (`commands/<noun>.ts`) and loads its implementation lazily inside the action.
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerDaemon } from './daemon.js';
import { registerVersion } from './version.js';

/** Registers every command on `program`. */
export function registerCommands(program: Command, io: CliIo): void {
  registerVersion(program, io);
  registerDaemon(program, io);
}

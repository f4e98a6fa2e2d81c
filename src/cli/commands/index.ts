/**
 * The list of command groups. Each module registers its commands in its own file here
 * (`commands/<noun>.ts`) and loads its implementation lazily inside the action.
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerDaemon } from './daemon.js';
import { registerAttach } from './attach.js';
import { registerContainer } from './container.js';
import { registerExec } from './exec.js';
import { registerLogs } from './logs.js';
import { registerRun } from './run.js';
import { registerVolume } from './volume.js';
import { registerVersion } from './version.js';
import { registerConfig } from './config.js';
import { registerImage } from './image.js';
import { registerLogin } from './login.js';
import { registerBuild, registerBuilder } from './build.js';
import { registerSwarm } from '../swarm/register.js';
import { registerNode } from '../nodes/register.js';
import { registerEvents, registerService } from '../services/register.js';
import { registerCompose } from '../compose/commands.js';
import { registerSecrets, registerSwarmConfigs } from '../objects/commands.js';

/** Registers every command on `program`. */
export function registerCommands(program: Command, io: CliIo): void {
  registerVersion(program, io);
  registerDaemon(program, io);
  registerRun(program, io);
  registerContainer(program, io);
  registerAttach(program, io);
  registerLogs(program, io);
  registerExec(program, io);
  registerVolume(program, io);
  registerConfig(program, io);
  registerImage(program, io);
  registerLogin(program, io);
  registerBuild(program, io);
  registerBuilder(program, io);
  registerSwarm(program, io);
  registerNode(program, io);
  registerService(program, io);
  registerEvents(program, io);
  registerCompose(program, io);
  registerSecrets(program, io);
  const config = program.commands.find((c) => c.name() === 'config');
  if (config !== undefined) registerSwarmConfigs(config, io);
}

/**
 * The project flags of the compose commands (`-f`, `-p`, `--profile`, `--env-file`,
 * `--project-directory`), given to `compose` or to the command itself, and the loader options
 * they make. Light: registration code imports it at start-up.
 *
 * @module
 */
import type { Command } from 'commander';
import type { LoadOptions } from '../../compose/index.js';
import type { CliIo } from '../io.js';

/** The project flags, as commander parses them. */
export interface ProjectFlags {
  file: string[];
  projectName?: string;
  profile: string[];
  envFile: string[];
  projectDirectory?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Adds the project flags to `cmd` (`compose` itself, and `up`, `down`, `plan` at the top). */
export function addProjectOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <file>', 'compose file (repeatable; merged in order)', collect, [])
    .option('-p, --project-name <name>', 'project name (default: the name: key or the directory)')
    .option('--profile <profile>', 'enable a profile (repeatable)', collect, [])
    .option('--env-file <file>', 'alternate environment file (repeatable)', collect, [])
    .option('--project-directory <dir>', 'alternate working directory');
}

/**
 * The project flags of `cmd` and of the `compose` command above it, merged: files, profiles
 * and env files add up; a name or directory given to the command wins.
 */
export function projectFlagsOf(cmd: Command): ProjectFlags {
  const chain: Command[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) chain.unshift(c);
  const out: ProjectFlags = { file: [], profile: [], envFile: [] };
  for (const c of chain) {
    const o = c.opts<Partial<ProjectFlags>>();
    out.file.push(...(o.file ?? []));
    out.profile.push(...(o.profile ?? []));
    out.envFile.push(...(o.envFile ?? []));
    if (o.projectName !== undefined) out.projectName = o.projectName;
    if (o.projectDirectory !== undefined) out.projectDirectory = o.projectDirectory;
  }
  return out;
}

/** The loader's options for `flags` (the rest defaulted as `docker compose` does). */
export function loadOptions(io: CliIo, flags: ProjectFlags): LoadOptions {
  return {
    files: flags.file,
    ...(flags.projectName === undefined ? {} : { projectName: flags.projectName }),
    ...(flags.profile.length > 0 ? { profiles: flags.profile } : {}),
    envFiles: flags.envFile,
    ...(flags.projectDirectory === undefined ? {} : { projectDirectory: flags.projectDirectory }),
    cwd: io.cwd,
    env: io.env,
  };
}

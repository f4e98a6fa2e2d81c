/**
 * `tsorch config`: loads the compose project and prints it normalized, exactly as
 * `docker compose config` does (same flags, same shapes). Warnings go to stderr.
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { loadOptions, projectFlagsOf } from '../compose/flags.js';

/** Options of `tsorch config` as commander parses them. */
interface ConfigFlags {
  file: string[];
  projectName?: string;
  profile: string[];
  envFile: string[];
  projectDirectory?: string;
  format: string;
  quiet?: boolean;
  services?: boolean;
  volumes?: boolean;
  networks?: boolean;
  profiles?: boolean;
  images?: boolean;
  hash?: string;
  interpolate: boolean;
  normalize: boolean;
  consistency: boolean;
  pathResolution: boolean;
  envResolution: boolean;
  environment?: boolean;
  models?: boolean;
  output?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Registers `tsorch config`. */
export function registerConfig(program: Command, io: CliIo): void {
  program
    .command('config')
    .description('parse, resolve and render the compose file in canonical format')
    .argument('[services...]', 'only these services (and the services they depend on)')
    .option('-f, --file <file>', 'compose file (repeatable; merged in order)', collect, [])
    .option('-p, --project-name <name>', 'project name')
    .option('--profile <profile>', 'enable a profile (repeatable)', collect, [])
    .option('--env-file <file>', 'alternate environment file (repeatable)', collect, [])
    .option(
      '--project-directory <dir>',
      'alternate working directory (default: directory of the first file)',
    )
    .option('--format <format>', 'output format: yaml or json', 'yaml')
    .option('-q, --quiet', 'only validate the configuration, print nothing')
    .option('--services', 'print the service names, one per line')
    .option('--volumes', 'print the volume names, one per line')
    .option('--networks', 'print the network names, one per line')
    .option('--profiles', 'print the profile names, one per line')
    .option('--images', 'print the image names, one per line')
    .option('--models', 'print the model names, one per line')
    .option('--environment', 'print the environment used for interpolation')
    .option('--hash <services>', 'print the configuration hash of services ("*" for all)')
    .option('--no-interpolate', 'do not substitute environment variables')
    .option('--no-normalize', 'do not fill defaults (default network, resource names)')
    .option('--no-consistency', 'do not check references between services and resources')
    .option('--no-path-resolution', 'do not make file paths absolute')
    .option('--no-env-resolution', 'do not resolve service env files and variables')
    .option('-o, --output <file>', 'write the document to a file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tsorch config -f compose.yml -f compose.prod.yml   merged, normalized project\n' +
        '  tsorch config --services                           service names\n' +
        '  tsorch config --format json -o project.json        JSON to a file',
    )
    .action(async (services: string[], flags: ConfigFlags, cmd: Command) => {
      // Under `tsorch compose -f x config`, the project flags of `compose` count too.
      await runConfig(services, { ...flags, ...projectFlagsOf(cmd) }, io);
    });
}

async function runConfig(selected: string[], flags: ConfigFlags, io: CliIo): Promise<void> {
  if (flags.format !== 'yaml' && flags.format !== 'json') {
    throw new UsageError(`Invalid value "${flags.format}" for --format: use yaml or json`);
  }
  const format = flags.format;
  const { loadProject, renderProject, selectServices, serviceHash } =
    await import('../../compose/index.js');
  const loaded = await loadProject({
    ...loadOptions(io, flags),
    interpolate: flags.interpolate,
    normalize: flags.normalize,
    consistency: flags.consistency,
    resolvePaths: flags.pathResolution,
    resolveEnvironment: flags.envResolution,
  });
  for (const w of loaded.warnings) io.stderr.write(`Warning: ${w}\n`);
  const project = selectServices(loaded.project, loaded.graph, selected);
  const names = Object.keys(project.services).sort();
  let text: string;
  if (flags.services === true) text = lines(names);
  else if (flags.volumes === true) text = lines(Object.keys(project.volumes ?? {}));
  else if (flags.networks === true) text = lines(Object.keys(project.networks ?? {}));
  else if (flags.profiles === true) text = lines(loaded.allProfiles);
  else if (flags.models === true) text = lines(Object.keys(project.models ?? {}));
  else if (flags.environment === true) {
    const env = loaded.environment;
    text = lines(
      Object.keys(env)
        .sort()
        .map((k) => `${k}=${env[k] ?? ''}`),
    );
  } else if (flags.images === true)
    text = lines(names.map((n) => project.services[n]?.image ?? `${project.name}-${n}`));
  else if (flags.hash !== undefined) {
    const wanted = flags.hash === '*' ? names : flags.hash.split(',').map((s) => s.trim());
    text = lines(
      wanted.map((n) => {
        const svc = project.services[n];
        if (svc === undefined)
          throw new UsageError(`No such service "${n}"`, `services: ${names.join(', ')}`);
        return `${n} ${serviceHash(svc)}`;
      }),
    );
  } else text = renderProject(project, format, flags.interpolate);
  if (flags.quiet === true) return;
  if (flags.output !== undefined) {
    const fs = await import('node:fs/promises');
    const nodePath = await import('node:path');
    await fs.writeFile(nodePath.resolve(io.cwd, flags.output), text);
    return;
  }
  io.stdout.write(text);
}

function lines(items: readonly string[]): string {
  return items.map((i) => `${i}\n`).join('');
}

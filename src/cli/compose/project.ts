/**
 * The project a compose command acts on: its flags (`-f`, `-p`, `--profile`, `--env-file`,
 * `--project-directory`, given to `compose` or to the command itself), the loaded and converted
 * project, and the secret and config payloads read from the user's machine.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LoadedProject } from '../../compose/index.js';
import { TsorchError } from '../../util/errors.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { loadOptions, type ProjectFlags } from './flags.js';

/** A loaded project ready for the stack engine. */
export interface ComposeInput {
  loaded: LoadedProject;
  /** Secret and config payloads by object name, and their sha256 digests. */
  payloads: Map<string, Uint8Array>;
  digests: Record<string, string>;
}

/**
 * Loads the project of `flags`, with `--scale NAME=N` overrides applied.
 *
 * @throws {ComposeError} for an invalid project, {@link UsageError} for a bad `--scale`.
 */
export async function loadComposeInput(
  io: CliIo,
  flags: ProjectFlags,
  scale: readonly string[] = [],
): Promise<ComposeInput> {
  const { loadProject } = await import('../../compose/index.js');
  const loaded = await loadProject(loadOptions(io, flags));
  for (const w of loaded.warnings) io.stderr.write(`Warning: ${w}\n`);
  applyScale(loaded, scale);
  const { payloads, digests } = await readPayloads(loaded);
  return { loaded, payloads, digests };
}

/**
 * Applies `--scale NAME=N` to the loaded project.
 *
 * @throws {UsageError} naming the flag for a malformed value or an unknown service.
 */
export function applyScale(loaded: LoadedProject, scale: readonly string[]): void {
  for (const s of scale) {
    const m = /^([^=]+)=(\d+)$/.exec(s);
    if (m === null) throw new UsageError(`Invalid value for --scale: "${s}": use SERVICE=REPLICAS`);
    const [, name = '', n = '0'] = m;
    const svc = loaded.project.services[name];
    if (svc === undefined)
      throw new UsageError(
        `Invalid value for --scale: no service "${name}"`,
        `services: ${Object.keys(loaded.project.services).sort().join(', ')}`,
      );
    svc.deploy = { ...(svc.deploy ?? {}), replicas: Number(n) };
  }
}

async function readPayloads(
  loaded: LoadedProject,
): Promise<{ payloads: Map<string, Uint8Array>; digests: Record<string, string> }> {
  const payloads = new Map<string, Uint8Array>();
  const digests: Record<string, string> = {};
  const project = loaded.project;
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [key, o] of Object.entries(project[kind] ?? {})) {
      if (o.external === true) continue;
      const name = typeof o.name === 'string' ? o.name : `${project.name}_${key}`;
      let data: Uint8Array | undefined;
      if (o.file !== undefined) {
        data = await readFile(o.file).catch((err: unknown) => {
          throw new TsorchError(
            'INVALID_ARGUMENT',
            `Cannot read ${kind}.${key}.file "${o.file ?? ''}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
          );
        });
      } else if (o.environment !== undefined) {
        const value = loaded.environment[o.environment];
        if (value === undefined)
          throw new TsorchError(
            'INVALID_ARGUMENT',
            `Cannot read ${kind}.${key}.environment: variable "${o.environment}" is not set`,
          );
        data = new TextEncoder().encode(value);
      } else if (o.content !== undefined) data = new TextEncoder().encode(o.content);
      if (data === undefined) continue;
      payloads.set(name, data);
      digests[name] = createHash('sha256').update(data).digest('hex');
    }
  }
  return { payloads, digests };
}

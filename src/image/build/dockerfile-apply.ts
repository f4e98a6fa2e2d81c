/**
 * What each metadata instruction does to the image config (pure): ENV, LABEL, WORKDIR, USER,
 * EXPOSE, STOPSIGNAL, VOLUME, CMD, ENTRYPOINT, SHELL, HEALTHCHECK. Arguments are expanded here
 * with the variables in scope, following the Dockerfile reference's list of instructions that
 * support environment replacement.
 *
 * @module
 */
import { DockerfileError } from './dockerfile.js';
import { expandWord, ShellWordError, splitWords, type VarLookup } from './dockerfile-shell.js';
import type { CommandForm, Instruction } from './dockerfile-types.js';
import { envSet, type ImageRunConfig } from './image-config.js';

/** The default SHELL. */
export const defaultShell = ['/bin/sh', '-c'];

/** Result of a metadata instruction. */
export interface ConfigChange {
  config: ImageRunConfig;
  /** Whether CMD has been set in this stage. */
  cmdSet: boolean;
  /** The expanded instruction, for cache keys and history. */
  description: string;
}

/** Turns a CMD/ENTRYPOINT/RUN command into argv with the current SHELL. */
export function commandArgs(command: CommandForm, shell: readonly string[] | undefined): string[] {
  return command.form === 'exec' ? command.args : [...(shell ?? defaultShell), command.text];
}

/** Joins a relative WORKDIR or destination onto the current working directory. */
export function joinWorkdir(workdir: string | undefined, p: string): string {
  if (p.startsWith('/')) return p;
  const base = workdir === undefined || workdir === '' ? '/' : workdir;
  return `${base.replace(/\/+$/, '')}/${p}`;
}

function expandPorts(words: string[], fail: (m: string) => never): string[] {
  const out: string[] = [];
  for (const w of words) {
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(w);
    if (m === null) fail(`invalid port "${w}": use PORT[-PORT][/PROTO]`);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (first < 1 || last > 65535 || last < first) fail(`invalid port range "${w}"`);
    for (let p = first; p <= last; p++) out.push(`${p}/${(m[3] ?? 'tcp').toLowerCase()}`);
  }
  return out;
}

/**
 * Applies a metadata instruction to `config`.
 *
 * @throws {DockerfileError} naming the line when an argument is malformed.
 */
export function applyConfigInstruction(
  config: ImageRunConfig,
  instr: Instruction,
  ctx: { lookup: VarLookup; escape: string; cmdSet: boolean; file: string },
): ConfigChange {
  const fail = (message: string): never => {
    throw new DockerfileError(ctx.file, instr.line, instr.kind, message);
  };
  const word = (t: string): string => wrap(() => expandWord(t, ctx.lookup, ctx.escape), fail);
  const words = (t: string): string[] => wrap(() => splitWords(t, ctx.lookup, ctx.escape), fail);
  const next: ImageRunConfig = { ...config };
  let cmdSet = ctx.cmdSet;
  let description: string;
  switch (instr.kind) {
    case 'ENV': {
      // All values see the variables as they were before this instruction (Docker semantics).
      let env = config.Env ?? [];
      const parts: string[] = [];
      for (const [k, v] of instr.pairs) {
        const key = word(k);
        const value = word(v);
        env = envSet(env, key, value);
        parts.push(`${key}=${value}`);
      }
      next.Env = env;
      description = `ENV ${parts.join(' ')}`;
      break;
    }
    case 'LABEL': {
      const labels = { ...(config.Labels ?? {}) };
      const parts: string[] = [];
      for (const [k, v] of instr.pairs) {
        const key = word(k);
        labels[key] = word(v);
        parts.push(`${key}=${labels[key]}`);
      }
      next.Labels = labels;
      description = `LABEL ${parts.join(' ')}`;
      break;
    }
    case 'WORKDIR':
      next.WorkingDir = joinWorkdir(config.WorkingDir, word(instr.text));
      description = `WORKDIR ${next.WorkingDir}`;
      break;
    case 'USER':
      next.User = word(instr.text);
      description = `USER ${next.User}`;
      break;
    case 'STOPSIGNAL': {
      const sig = word(instr.text);
      if (!/^(SIG)?[A-Z0-9+-]+$/.test(sig)) fail(`invalid signal "${sig}"`);
      next.StopSignal = sig;
      description = `STOPSIGNAL ${sig}`;
      break;
    }
    case 'EXPOSE': {
      const ports = expandPorts(words(instr.text), fail);
      next.ExposedPorts = { ...(config.ExposedPorts ?? {}) };
      for (const p of ports) next.ExposedPorts[p] = {};
      description = `EXPOSE ${ports.join(' ')}`;
      break;
    }
    case 'VOLUME': {
      const paths = instr.paths.map((p) => word(p)).filter((p) => p !== '');
      if (paths.length === 0) fail('requires at least one path');
      next.Volumes = { ...(config.Volumes ?? {}) };
      for (const p of paths) next.Volumes[p] = {};
      description = `VOLUME ${JSON.stringify(paths)}`;
      break;
    }
    case 'CMD':
      next.Cmd = commandArgs(instr.command, config.Shell);
      cmdSet = true;
      description = `CMD ${JSON.stringify(next.Cmd)}`;
      break;
    case 'ENTRYPOINT':
      next.Entrypoint = commandArgs(instr.command, config.Shell);
      // An ENTRYPOINT resets a CMD inherited from the base image.
      if (!cmdSet) next.Cmd = null;
      description = `ENTRYPOINT ${JSON.stringify(next.Entrypoint)}`;
      break;
    case 'SHELL':
      next.Shell = instr.shell;
      description = `SHELL ${JSON.stringify(instr.shell)}`;
      break;
    case 'HEALTHCHECK': {
      if (instr.test === undefined) {
        next.Healthcheck = { Test: ['NONE'] };
      } else {
        next.Healthcheck = {
          Test:
            instr.test.form === 'exec'
              ? ['CMD', ...instr.test.args]
              : ['CMD-SHELL', instr.test.text],
          ...(instr.intervalNs === undefined ? {} : { Interval: instr.intervalNs }),
          ...(instr.timeoutNs === undefined ? {} : { Timeout: instr.timeoutNs }),
          ...(instr.startPeriodNs === undefined ? {} : { StartPeriod: instr.startPeriodNs }),
          ...(instr.retries === undefined ? {} : { Retries: instr.retries }),
        };
      }
      description = `HEALTHCHECK ${JSON.stringify(next.Healthcheck)}`;
      break;
    }
    case 'FROM':
    case 'RUN':
    case 'COPY':
    case 'ADD':
    case 'ARG':
      return fail('is not a metadata instruction');
  }
  return { config: next, cmdSet, description };
}

function wrap<T>(fn: () => T, fail: (m: string) => never): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ShellWordError) return fail(err.message);
    throw err;
  }
}

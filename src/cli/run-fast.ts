/**
 * The start-up fast path of `tsorch run`: parses its flags with `util.parseArgs` from the same
 * table commander uses (commands/run-options.ts), without loading commander or building the
 * command tree (about 12 ms of a new CLI process, docs/adr/011). Anything it does not take as
 * plainly valid (help, unknown or clustered flags, values that look like flags, `--`) is left to
 * the regular parser, which gives the usual help and errors.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { RunFlags } from './containers/run-spec.js';
import { optionParts, runOptions } from './commands/run-options.js';

/** What `tsorch run ARGS` asks for. */
export interface FastRun {
  image: string;
  command: string[];
  flags: RunFlags;
}

type Options = NonNullable<ParseArgsConfig['options']>;

const table = runOptions.map((o) => ({ ...o, ...optionParts(o.flags) }));
const byLong = new Map(table.map((o) => [o.long, o]));
const byShort = new Map(table.flatMap((o) => (o.short === undefined ? [] : [[o.short, o]])));

function camel(long: string): string {
  return long.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Parses `argv` (starting with `run`) when it is plainly valid; undefined means "use the
 * regular parser".
 */
export function parseFastRun(argv: readonly string[]): FastRun | undefined {
  if (argv[0] !== 'run') return undefined;
  // Options end at the image (docker's rule: later flags belong to the container's command).
  let i = 1;
  for (; i < argv.length; i++) {
    const tok = argv[i] ?? '';
    if (!tok.startsWith('-')) break;
    const long = tok.startsWith('--') ? byLong.get(tok.slice(2).split('=')[0] ?? '') : undefined;
    const short = /^-[a-zA-Z]$/.test(tok) ? byShort.get(tok.slice(1)) : undefined;
    const opt = long ?? short;
    if (opt === undefined) return undefined;
    if (opt.value && !tok.includes('=')) i++;
  }
  const image = argv[i];
  if (image === undefined) return undefined;
  const options: Options = {};
  for (const o of table) {
    options[o.long] = {
      type: o.value ? 'string' : 'boolean',
      ...(o.short === undefined ? {} : { short: o.short }),
      ...(o.repeatable === true ? { multiple: true } : {}),
    };
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv.slice(1, i), options, strict: true }));
  } catch {
    return undefined;
  }
  const flags: Record<string, unknown> = {};
  for (const o of table) {
    const v = values[o.long] ?? o.defaultValue;
    if (v !== undefined) flags[camel(o.long)] = v;
  }
  return { image, command: argv.slice(i + 1), flags };
}

/**
 * The CLI's connection to the outside: streams, environment, working directory, and the single
 * place where errors become text and exit codes.
 *
 * @module
 */
import { TsorchError } from '../util/errors.js';

/** Process exit codes of the CLI. */
export const ExitCode = {
  Ok: 0,
  /** The user asked for something that cannot be done (bad file, missing object). */
  UserError: 1,
  /** The command line itself is wrong. */
  Usage: 2,
  /** A bug in tsorch (EX_SOFTWARE). */
  Internal: 70,
} as const;

/** Something that accepts text, such as `process.stdout`. */
export interface TextSink {
  write(text: string): unknown;
}

/** Streams and environment a command runs with. Tests pass their own. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Set by a command that finishes normally but wants a non-zero exit code. */
  exitCode?: number;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Usage errors found after parsing (conflicting flags, bad values). Exit code 2. */
export class UsageError extends TsorchError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super('CLI_USAGE', message, hint === undefined ? {} : { hint });
  }
}

/**
 * Turns any thrown value into the text the CLI prints and its exit code.
 * Operating errors print as `Error: <message>` (+ `Hint:`); anything else is a bug.
 */
export function formatError(err: unknown, debug: boolean): { text: string; code: number } {
  if (err instanceof TsorchError) {
    let text = `Error: ${err.message}\n`;
    if (err.hint !== undefined) text += `Hint: ${err.hint}\n`;
    if (debug && err.stack !== undefined) text += `${err.stack}\n`;
    return { text, code: err.code === 'CLI_USAGE' ? ExitCode.Usage : ExitCode.UserError };
  }
  const message = err instanceof Error ? err.message : String(err);
  let text = `Error: internal error: ${message}\n`;
  text += debug
    ? `${err instanceof Error ? (err.stack ?? '') : ''}\n`
    : 'Hint: this is a bug in tsorch; run again with TSORCH_DEBUG=1 to see the stack trace\n';
  return { text, code: ExitCode.Internal };
}

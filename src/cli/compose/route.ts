/**
 * The one rule that settles the clash between container and project commands (ADR 023):
 * `tsorch [PROJECT FLAGS] WORD ...` with a project flag before the word means
 * `tsorch compose [PROJECT FLAGS] WORD ...`; anything else is left as typed, so every container
 * command keeps its meaning. Pure.
 *
 * @module
 */

/** Flags that name a project, with whether they take a value. */
const projectFlags = new Map<string, boolean>([
  ['-f', true],
  ['--file', true],
  ['-p', true],
  ['--project-name', true],
  ['--profile', true],
  ['--env-file', true],
  ['--project-directory', true],
]);

/** True for a token that is a project flag (`-f`, `--file`, `--file=x`, `-fx`). */
function projectFlag(token: string): { takesNext: boolean } | undefined {
  const eq = token.indexOf('=');
  if (token.startsWith('--') && eq > 0)
    return projectFlags.has(token.slice(0, eq)) ? { takesNext: false } : undefined;
  if (projectFlags.has(token)) return { takesNext: true };
  // `-fstack.yml` and `-pshop`, as commander reads short options with their value attached.
  if (/^-[fp]./.test(token)) return { takesNext: false };
  return undefined;
}

/**
 * Rewrites `argv` (without node and script) so that project flags given before a command word
 * route it to `compose`. Returns `argv` itself when no project flag leads.
 *
 * @example
 * routeProjectArgv(['-f', 'stack.yml', 'ps'])  // ['compose', '-f', 'stack.yml', 'ps']
 * routeProjectArgv(['ps', '-a'])               // ['ps', '-a'] (the container command)
 */
export function routeProjectArgv(argv: readonly string[]): readonly string[] {
  let i = 0;
  let sawProjectFlag = false;
  while (i < argv.length) {
    const flag = projectFlag(argv[i] ?? '');
    if (flag === undefined) break;
    sawProjectFlag = true;
    i += flag.takesNext ? 2 : 1;
  }
  if (!sawProjectFlag || i >= argv.length) {
    // Flags with no word after them (`tsorch -f x`) go to `compose`, which then asks for one.
    return sawProjectFlag ? ['compose', ...argv] : argv;
  }
  return ['compose', ...argv];
}

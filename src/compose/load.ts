/**
 * The file-system adapter of the compose front end: finds the compose files, reads `.env`
 * and `--env-file`, works out the project directory, name and profiles, and runs the pure
 * parser over real files.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { TsorchError } from '../util/errors.js';
import { composeFileMaxBytes } from '../util/limits.js';
import { ComposeError } from './errors.js';
import {
  isValidProjectName,
  parseDotenv,
  parseProject,
  type ComposeIssue,
  type ParsedProject,
  type ParseProjectOptions,
} from './parse/index.js';

const stdinName = '<stdin>';

/** Default compose file names, in discovery order (Docker Compose v2). */
export const composeFileNames = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
];
/** Override files read after the default file, from the same directory. */
export const composeOverrideNames = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

/** Options of {@link loadProject}; mirrors `docker compose` global flags. */
export interface LoadOptions {
  /** `-f` files, relative to `cwd` (`-` reads standard input); empty to discover. */
  files?: readonly string[];
  /** `--project-directory`. */
  projectDirectory?: string;
  /** `-p`. */
  projectName?: string;
  /** `--profile`; defaults to COMPOSE_PROFILES. */
  profiles?: readonly string[];
  /** `--env-file`; defaults to `.env` in the project directory. */
  envFiles?: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Reads standard input for `-f -` (tests pass their own). */
  stdin?: () => string;
  /** Defaults true; false is `--no-interpolate`. */
  interpolate?: boolean;
  /** Defaults true; false is `--no-normalize`. */
  normalize?: boolean;
  /** Defaults true; false is `--no-path-resolution`. */
  resolvePaths?: boolean;
  /** Defaults true; false is `--no-env-resolution`. */
  resolveEnvironment?: boolean;
  /** Defaults true; false is `--no-consistency`. */
  consistency?: boolean;
}

/** A loaded project with where it came from. */
export interface LoadedProject extends ParsedProject {
  warnings: string[];
  /** Absolute paths of the compose files read (in merge order). */
  files: string[];
  workingDir: string;
  /** The project environment used for interpolation. */
  environment: Record<string, string>;
}

/**
 * Loads a compose project from disk.
 *
 * @throws {ComposeError} with every issue found (`COMPOSE_INVALID`), or when no compose file
 *   exists (`COMPOSE_FILE_NOT_FOUND`).
 * @example
 * const { project, graph } = await loadProject({ cwd: process.cwd(), env: process.env });
 */
export async function loadProject(options: LoadOptions): Promise<LoadedProject> {
  const cwd = options.cwd;
  const discoveryWarnings: string[] = [];
  const files = findComposeFiles(options, discoveryWarnings);
  const workingDir = resolve(cwd, options.projectDirectory ?? dirname(files[0] ?? cwd));
  // `-f -` reads the compose file from standard input, named `<stdin>` in the working directory.
  const stdinPath = join(cwd, stdinName);
  let stdinText: string | undefined;
  const read = (p: string): string | undefined => {
    if (p !== stdinPath || !files.includes(stdinPath)) return readIfExists(p);
    stdinText ??= (options.stdin ?? (() => readFileSync(0, 'utf8')))();
    return stdinText;
  };
  const processEnv = options.env;
  const dotenv = readEnvFiles(options, workingDir);
  const environment: Record<string, string> = { ...dotenv };
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) environment[k] = v;
  const lookup = (n: string): string | undefined => environment[n];

  const projectName = options.projectName ?? nonEmpty(environment['COMPOSE_PROJECT_NAME']);
  if (projectName !== undefined && !isValidProjectName(projectName)) {
    throw new TsorchError(
      'INVALID_ARGUMENT',
      `Invalid project name "${projectName}": use lowercase letters, digits, "_" and "-", starting with a letter or digit`,
    );
  }
  const profiles =
    options.profiles ??
    nonEmpty(environment['COMPOSE_PROFILES'])
      ?.split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '') ??
    [];
  const parseOptions: ParseProjectOptions = {
    files,
    workingDir,
    env: lookup,
    processEnv: (n) => processEnv[n],
    projectName,
    profiles,
    interpolate: options.interpolate ?? true,
    normalize: options.normalize ?? true,
    resolvePaths: options.resolvePaths ?? true,
    consistency: options.consistency ?? true,
    resolveEnvironment: options.resolveEnvironment ?? true,
    home: processEnv['HOME'] ?? homedir(),
    read,
  };
  let result = parseProject(parseOptions);
  if (!result.ok) {
    // Parse again with the position-keeping parser (loaded only now) to locate every issue.
    const { parseYaml } = await import('./parse/yaml.js');
    result = parseProject({ ...parseOptions, preciseYaml: parseYaml });
  }
  if (!result.ok) throw new ComposeError(result.issues.map((i) => displayIssue(i, cwd)));
  const { ok: _ok, warnings, ...rest } = result;
  return { ...rest, warnings: [...discoveryWarnings, ...warnings], files, workingDir, environment };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** Shows issue files relative to the working directory when they are below it. */
function displayIssue(issue: ComposeIssue, cwd: string): ComposeIssue {
  if (!isAbsolute(issue.file)) return issue;
  const rel = relative(cwd, issue.file);
  return rel.startsWith('..') ? issue : { ...issue, file: rel };
}

/** Reads a file as UTF-8, or returns undefined when it does not exist or is not a file. */
function readIfExists(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    if (st.size > composeFileMaxBytes) {
      throw new TsorchError(
        'COMPOSE_INVALID',
        `Cannot read "${path}": file is larger than ${composeFileMaxBytes} bytes`,
      );
    }
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof TsorchError) throw err;
    return undefined;
  }
}

/** Resolves the compose files: `-f`, COMPOSE_FILE, or discovery upwards from the directory. */
export function findComposeFiles(
  options: Pick<LoadOptions, 'files' | 'cwd' | 'env' | 'projectDirectory'>,
  warnings: string[] = [],
): string[] {
  const cwd = options.cwd;
  if (options.files !== undefined && options.files.length > 0) {
    const files = options.files.map((f) => resolve(cwd, f === '-' ? stdinName : f));
    for (const f of files) {
      if (!existsSync(f) && !f.endsWith(`/${stdinName}`)) {
        throw new ComposeError(
          [
            {
              file: f,
              line: 0,
              column: 0,
              path: '',
              code: 'file_not_found',
              message: 'Cannot read compose file: file not found',
            },
          ],
          { code: 'COMPOSE_FILE_NOT_FOUND' },
        );
      }
    }
    return files;
  }
  const fromEnv = options.env['COMPOSE_FILE'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const sep = options.env['COMPOSE_PATH_SEPARATOR'] ?? ':';
    return findComposeFiles({
      ...options,
      files: fromEnv.split(sep).filter((f) => f !== ''),
      env: {},
    });
  }
  const start = resolve(cwd, options.projectDirectory ?? '.');
  // Bounded walk: a path has at most as many parents as it has segments.
  for (let dir = start, i = 0; i < 256; i++) {
    const found = composeFileNames.map((n) => join(dir, n)).filter((p) => existsSync(p));
    const first = found[0];
    if (first !== undefined) {
      if (found.length > 1) {
        warnings.push(
          `Found several compose files in "${dir}": ${found.map((f) => basename(f)).join(', ')}; using ${basename(first)}`,
        );
      }
      const override = composeOverrideNames.map((n) => join(dir, n)).find((p) => existsSync(p));
      return override === undefined ? [first] : [first, override];
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new TsorchError(
    'COMPOSE_FILE_NOT_FOUND',
    `No compose file found in "${start}" or its parent directories`,
    {
      hint: `create ${composeFileNames[0] ?? 'compose.yaml'} there or pass one with -f FILE`,
    },
  );
}

function readEnvFiles(options: LoadOptions, workingDir: string): Record<string, string> {
  const explicit = options.envFiles !== undefined && options.envFiles.length > 0;
  const files = explicit
    ? (options.envFiles ?? []).map((f) => resolve(options.cwd, f))
    : [join(workingDir, '.env')];
  const out: Record<string, string> = {};
  for (const file of files) {
    const text = readIfExists(file);
    if (text === undefined) {
      if (explicit)
        throw new TsorchError(
          'COMPOSE_FILE_NOT_FOUND',
          `Cannot read env file "${file}": file not found`,
        );
      continue;
    }
    const parsed = parseDotenv(text, (n) => options.env[n] ?? out[n]);
    if (parsed.issues.length > 0) {
      throw new ComposeError(
        parsed.issues.map((i) => ({
          file: displayPath(file, options.cwd),
          line: i.line,
          column: 1,
          path: '',
          code: 'invalid_value' as const,
          message: i.message,
        })),
      );
    }
    for (const [k, v] of parsed.values) out[k] = v;
  }
  return out;
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

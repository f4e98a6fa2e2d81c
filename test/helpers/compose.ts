/**
 * Compose projects for tests, loaded with the pure parser as `tsorch config` would, from text or
 * from a file on disk, without the loader's file-system adapter.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseProject } from '../../src/compose/parse/project.js';
import type { ComposeProject } from '../../src/compose/index.js';

/**
 * The normalized project of `text` (read as `/p/compose.yml`), or of the compose file at the
 * absolute path `file`.
 *
 * @throws {Error} listing the issues when the project does not load.
 */
export function loadComposeProject(
  source: { text: string } | { file: string },
  env: Record<string, string> = {},
): ComposeProject {
  const file = 'file' in source ? source.file : '/p/compose.yml';
  const result = parseProject({
    files: [file],
    workingDir: dirname(file),
    env: (k) => env[k],
    processEnv: (k) => env[k],
    projectName: undefined,
    profiles: [],
    interpolate: true,
    normalize: true,
    resolvePaths: true,
    consistency: true,
    home: undefined,
    read: (p) =>
      'text' in source ? (p === file ? source.text : undefined) : readFileSync(p, 'utf8'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.project;
}

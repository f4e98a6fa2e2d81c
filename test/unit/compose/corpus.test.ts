/**
 * Table-driven compose corpus (test/fixtures/compose): each valid case holds compose files and
 * the expected `tsorch config` output; each invalid case the expected issues, one per line.
 *
 * The expected outputs were derived by reading compose-go's loader, normalize and transform
 * code and its testdata (Docker Compose is not installed here); they were not produced by
 * running `docker compose config`. Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError, loadProject, renderProject } from '../../../src/compose/index.js';
import { formatIssue } from '../../../src/compose/parse/index.js';

const root = resolve(import.meta.dirname, '../../fixtures/compose');
const update = process.env['UPDATE_GOLDEN'] === '1';

interface CaseArgs {
  files?: string[];
  profiles?: string[];
  env?: Record<string, string>;
  projectName?: string;
  envFiles?: string[];
  format?: 'yaml' | 'json';
  interpolate?: boolean;
  normalize?: boolean;
  resolvePaths?: boolean;
  consistency?: boolean;
}

function cases(kind: string): string[] {
  const dir = join(root, kind);
  return readdirSync(dir)
    .filter(
      (d) => existsSync(join(dir, d, 'args.json')) || existsSync(join(dir, d, 'compose.yaml')),
    )
    .sort();
}

async function run(dir: string): Promise<{ out: string } | { issues: string }> {
  const argsFile = join(dir, 'args.json');
  const args = (existsSync(argsFile) ? JSON.parse(readFileSync(argsFile, 'utf8')) : {}) as CaseArgs;
  try {
    const loaded = await loadProject({
      ...(args.files === undefined ? {} : { files: args.files }),
      ...(args.profiles === undefined ? {} : { profiles: args.profiles }),
      ...(args.projectName === undefined ? {} : { projectName: args.projectName }),
      ...(args.envFiles === undefined ? {} : { envFiles: args.envFiles }),
      cwd: dir,
      env: { HOME: '/home/user', ...(args.env ?? {}) },
      ...(args.interpolate === undefined ? {} : { interpolate: args.interpolate }),
      ...(args.normalize === undefined ? {} : { normalize: args.normalize }),
      ...(args.resolvePaths === undefined ? {} : { resolvePaths: args.resolvePaths }),
      ...(args.consistency === undefined ? {} : { consistency: args.consistency }),
    });
    const text = renderProject(loaded.project, args.format ?? 'yaml', args.interpolate ?? true);
    const warnings = loaded.warnings.map((w) => `# warning: ${w}\n`).join('');
    return { out: warnings + text.replaceAll(dir, '/fixture') };
  } catch (err) {
    if (err instanceof ComposeError) {
      return { issues: `${err.issues.map(formatIssue).join('\n')}\n`.replaceAll(dir, '/fixture') };
    }
    throw err;
  }
}

describe('compose corpus: valid files', () => {
  it.each(cases('valid'))('%s loads to the expected project', async (name) => {
    const dir = join(root, 'valid', name);
    const result = await run(dir);
    if ('issues' in result) throw new Error(`unexpected issues:\n${result.issues}`);
    const expectedFile = join(dir, 'expected.yaml');
    if (update) writeFileSync(expectedFile, result.out);
    expect(result.out).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

describe('compose corpus: invalid files', () => {
  it.each(cases('invalid'))('%s reports the expected issues', async (name) => {
    const dir = join(root, 'invalid', name);
    const result = await run(dir);
    if ('out' in result) throw new Error(`expected issues, got a project:\n${result.out}`);
    const expectedFile = join(dir, 'expected.txt');
    if (update) writeFileSync(expectedFile, result.issues);
    expect(result.issues).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

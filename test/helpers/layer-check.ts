/**
 * Runs the layer check (`npm run lint:layers`: dependency-cruiser with the project's
 * .dependency-cruiser.mjs) on a throwaway source tree, so a test can plant a forbidden import and
 * see the check fail.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

/** The arguments `npm run lint:layers` passes, with the config given by absolute path. */
export const layerCheckArgs = ['src', '--config', join(repoRoot, '.dependency-cruiser.mjs')];

/** A temporary tree: `files` maps paths such as `src/agent/index.ts` to their text. */
export function plantTree(files: Readonly<Record<string, string>>): {
  dir: string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'tsorch-layers-'));
  const tsconfig = { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the layer check in `dir`; returns its exit code and everything it printed. */
export function runLayerCheck(dir: string): { code: number; output: string } {
  const bin = join(repoRoot, 'node_modules/.bin/depcruise');
  const r = spawnSync(bin, layerCheckArgs, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

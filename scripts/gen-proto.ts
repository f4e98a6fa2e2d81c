/**
 * Generates TypeScript types for proto/tsorch/v1/*.proto into src/api/gen with the same load
 * options as the runtime loader (src/api/proto.ts).
 *
 * `tsx scripts/gen-proto.ts` regenerates; `--check` regenerates into a temp dir and fails when
 * the committed files differ (swarmkit `checkprotos`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protoGenFlags } from '../src/api/proto.js';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const files = readdirSync(join(root, 'proto/tsorch/v1'))
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => `tsorch/v1/${f}`);
const outDir = check ? mkdtempSync(join(tmpdir(), 'tsorch-proto-')) : join(root, 'src/api/gen');
if (!check) rmSync(outDir, { recursive: true, force: true });
execFileSync(
  join(root, 'node_modules/.bin/proto-loader-gen-types'),
  [
    // Files first: yargs treats --includeDirs as an array that swallows later arguments.
    ...files,
    ...protoGenFlags,
    '--grpcLib=@grpc/grpc-js',
    '--importFileExtension=.js',
    `--outDir=${outDir}`,
    // Relative to proto/ (the cwd), so the generated "Original file" comments do not depend on
    // where the repository is checked out.
    '--includeDirs=.',
  ],
  { stdio: 'inherit', cwd: join(root, 'proto') },
);
if (check) {
  try {
    execFileSync('diff', ['-r', '-q', outDir, join(root, 'src/api/gen')], { stdio: 'inherit' });
    process.stdout.write('proto:check: generated types are up to date\n');
  } catch {
    process.stderr.write('proto:check: src/api/gen is stale: run `npm run proto:gen` and commit\n');
    process.exitCode = 1;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

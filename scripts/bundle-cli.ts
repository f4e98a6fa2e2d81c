/**
 * Bundles the CLI with esbuild into dist/cli (the entry bin/tsorch runs): one ESM entry plus
 * chunks, so lazily imported commands (the daemon, compose, images) stay out of start-up.
 * The shim's C source is copied next to it (the daemon compiles it on first use). Run by
 * `npm run build`; docs/adr/011 says why the published command is a bundle.
 *
 * `tsx scripts/bundle-cli.ts [OUTDIR]`
 */
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Writes the bundle into `outdir` (emptied first); returns the entry file. */
export async function bundleCli(outdir = join(root, 'dist/cli')): Promise<string> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { tsorch: join(root, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    // CommonJS dependencies (grpc-js, protobufjs) call require() for Node's modules.
    banner: {
      js: "import { createRequire as __tsorchRequire } from 'node:module'; const require = __tsorchRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  // The daemon compiles its shim from this source, looked up next to the running code.
  copyFileSync(join(root, 'src/agent/shim/tsorch-shim.c'), join(outdir, 'tsorch-shim.c'));
  return join(outdir, 'tsorch.js');
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  await bundleCli(process.argv[2]);
}

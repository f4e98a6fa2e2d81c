/**
 * `npm run bench -- NAME [args]` runs bench/NAME.ts. Each benchmark prints readable lines and a
 * last line of JSON with its figures (DESIGN.md §9).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const name = process.argv[2];
if (name === undefined || !available.includes(name)) {
  process.stderr.write(
    `Usage: npm run bench -- NAME\nAvailable benchmarks: ${available.join(', ') || '(none)'}\n`,
  );
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(join(here, `${name}.ts`)).href);

/**
 * Fails when relative imports under src/ form a cycle (STYLE.md: dependencies flow downward).
 * Type-only imports count too: a cycle of types still couples the modules.
 *
 * Uses the TypeScript compiler's own import scanner; `./x.js` resolves to `./x.ts` as nodenext does.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = resolve(dirname(from), spec);
  for (const candidate of [
    target.replace(/\.js$/, '.ts'),
    target,
    `${target}.ts`,
    join(target, 'index.ts'),
  ]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const files = sourceFiles(join(root, 'src'));
const graph = new Map<string, string[]>();
for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const deps = info.importedFiles
    .map((f) => resolveImport(file, f.fileName))
    .filter((d): d is string => d !== undefined);
  graph.set(file, deps);
}

// Tarjan's strongly connected components; any component with more than one file is a cycle.
let counter = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function connect(v: string): void {
  index.set(v, counter);
  low.set(v, counter);
  counter += 1;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
  }
  if (low.get(v) === index.get(v)) {
    const component: string[] = [];
    for (;;) {
      const w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1) cycles.push(component);
  }
}
for (const file of files) if (!index.has(file)) connect(file);

if (cycles.length > 0) {
  for (const c of cycles) {
    process.stderr.write(
      `Import cycle: ${c
        .map((f) => relative(root, f))
        .sort()
        .join(' <-> ')}\n`,
    );
  }
  process.exitCode = 1;
} else {
  process.stdout.write(`check-cycles: no import cycles among ${files.length} files\n`);
}

/**
 * Robustness: thousands of mutated compose files (seeded, replayable with FUZZ_SEED=n) must each
 * end in a project or in located issues, never in an exception, and quickly. The 1 s bound per
 * file is the acceptance criterion of the compose front end, far above the typical time.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/compose/parse/index.js';
import { parseYaml } from '../../../src/compose/parse/yaml.js';

const root = resolve(import.meta.dirname, '../../fixtures/compose');
const seed = Number(process.env['FUZZ_SEED'] ?? 20261123);
const mutantsCount = Number(process.env['FUZZ_COUNT'] ?? 3000);

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tokens = [
  ':',
  '-',
  ' ',
  '\n',
  '  ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '$',
  '${',
  '${X:?e}',
  '$$',
  '!reset ',
  '!override ',
  '&a ',
  '*a',
  '<<: *a\n',
  '0',
  '-1',
  '99999',
  '1.5',
  'null',
  'true',
  '~',
  '#',
  'x-',
  'services',
  'ports',
  'image',
  'depends_on',
  'extends',
  'include',
  '\t',
  '%',
  '@',
  '|',
  '>',
  '?',
  ',',
  '80:80',
  '1m30s',
  '512m',
  './',
  '../',
  '\\',
  '\u00e9',
  '\u0000',
];

function mutate(text: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let out = text;
  const steps = 1 + Math.floor(rand() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(rand() * (out.length + 1));
    const lines = out.split('\n');
    switch (Math.floor(rand() * 6)) {
      case 0:
        out = out.slice(0, at) + pick(tokens) + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 8));
        break;
      case 2: {
        const i = Math.floor(rand() * lines.length);
        lines.splice(i, 0, lines[Math.floor(rand() * lines.length)] ?? '');
        out = lines.join('\n');
        break;
      }
      case 3: {
        const i = Math.floor(rand() * lines.length);
        lines[i] =
          (rand() < 0.5 ? '  ' : '') + (lines[i] ?? '').replace(/^ {2}/, rand() < 0.5 ? '' : ' ');
        out = lines.join('\n');
        break;
      }
      case 4: {
        const i = Math.floor(rand() * lines.length);
        lines[i] = (lines[i] ?? '').replace(/: .*$/, `: ${pick(tokens)}`);
        out = lines.join('\n');
        break;
      }
      default: {
        const i = Math.floor(rand() * lines.length);
        const j = Math.floor(rand() * lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        out = lines.join('\n');
      }
    }
  }
  return out;
}

function corpus(): string[] {
  const out: string[] = [];
  for (const kind of ['valid', 'invalid']) {
    for (const d of readdirSync(join(root, kind))) {
      const f = join(root, kind, d, 'compose.yaml');
      if (existsSync(f)) out.push(readFileSync(f, 'utf8'));
    }
  }
  return out;
}

describe('compose parser robustness', () => {
  it(`never crashes on ${mutantsCount} mutated files (seed ${seed})`, () => {
    const rand = mulberry32(seed);
    const bases = corpus();
    let projects = 0;
    let slowestMs = 0;
    let slowest = -1;
    for (let n = 0; n < mutantsCount; n++) {
      const text = mutate(bases[n % bases.length] ?? '', rand);
      if (process.env['FUZZ_DUMP'] === String(n))
        process.stdout.write(`--- mutant ${n}\n${text}\n---\n`);
      const started = performance.now();
      let result;
      try {
        result = parseProject({
          files: ['/fuzz/compose.yaml'],
          workingDir: '/fuzz',
          env: (v) => (v === 'X' ? 'x' : undefined),
          processEnv: () => undefined,
          projectName: undefined,
          profiles: ['debug'],
          interpolate: true,
          normalize: true,
          resolvePaths: true,
          consistency: true,
          home: '/home/u',
          read: (p) => (p === '/fuzz/compose.yaml' ? text : undefined),
          preciseYaml: parseYaml,
        });
      } catch (err) {
        throw new Error(
          `mutant ${n} (seed ${seed}) crashed the parser: ${String(err)}\n---\n${text}`,
        );
      }
      const ms = performance.now() - started;
      if (ms > slowestMs) {
        slowestMs = ms;
        slowest = n;
      }
      if (result.ok) {
        projects++;
        expect(typeof result.project.name).toBe('string');
      } else {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.line).toBeGreaterThanOrEqual(0);
        }
      }
    }
    expect(slowestMs, `slowest mutant: ${slowest}`).toBeLessThan(1000);
    // Sanity: the mutations leave a share of files loadable, so both paths are exercised.
    expect(projects).toBeGreaterThan(0);
    expect(projects).toBeLessThan(mutantsCount);
  });
});

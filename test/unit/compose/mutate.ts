/**
 * Seeded mutation of compose files for the robustness and differential tests: the same seed
 * always yields the same mutants (replay one with FUZZ_SEED=n).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../fixtures/compose');

/** A seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function mulberry32(a: number): () => number {
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

/** Applies one to four random edits (insert a token, delete, duplicate, indent, swap lines). */
export function mutate(text: string, rand: () => number): string {
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

/** The compose.yaml of every corpus case, valid and invalid. */
export function corpus(): string[] {
  const out: string[] = [];
  for (const kind of ['valid', 'invalid']) {
    for (const d of readdirSync(join(root, kind))) {
      const f = join(root, kind, d, 'compose.yaml');
      if (existsSync(f)) out.push(readFileSync(f, 'utf8'));
    }
  }
  return out;
}

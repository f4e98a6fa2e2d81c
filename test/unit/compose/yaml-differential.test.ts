/**
 * The two YAML readers must never change what a project loads to (docs/adr/014): for every
 * fixture, every example and thousands of mutants, when the fast reader returns a tree the
 * precise reader returns the same tree without issues, and when the precise reader reports
 * issues the fast reader returns nothing (so the issues always come from the precise reader).
 * The fast reader may also decline a file the precise one accepts; the loader then uses the
 * precise tree, so the result is the same, only slower, and the fixtures must never need it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LNode } from '../../../src/compose/parse/node.js';
import { parseYaml } from '../../../src/compose/parse/yaml.js';
import { parseYamlFast } from '../../../src/compose/parse/yaml-fast.js';
import { corpus, mulberry32, mutate } from './mutate.js';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261202);
const mutantsCount = Number(process.env['FUZZ_COUNT'] ?? 3000);
const repo = resolve(import.meta.dirname, '../../..');

/** A node without locations, for comparing the readers' trees. */
function shape(node: LNode | undefined): unknown {
  if (node === undefined) return undefined;
  const tag = node.tag === undefined ? {} : { tag: node.tag };
  switch (node.kind) {
    case 'scalar':
      return { ...tag, value: node.value };
    case 'seq':
      return { ...tag, items: node.items.map(shape) };
    case 'map':
      return { ...tag, entries: [...node.entries].map(([k, v]) => [k, shape(v)]) };
  }
}

type Outcome = 'same' | 'rejected' | 'declined';

/** Runs both readers over `text`; fails when they disagree, else says what happened. */
function compare(text: string, what: string): Outcome {
  const precise = parseYaml(text, '/d/compose.yaml', '/d');
  const fast = parseYamlFast(text, '/d/compose.yaml', '/d');
  if (precise.issues.length > 0) {
    const issues = precise.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('; ');
    expect(
      fast === undefined,
      `${what}: the fast reader accepted a file with issues (${issues}):\n${text}`,
    ).toBe(true);
    return 'rejected';
  }
  if (fast === undefined) return 'declined';
  expect(fast.map(shape), `${what}: the readers built different trees`).toEqual(
    precise.documents.map((d) => shape(d.root)),
  );
  return 'same';
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const files = [
  ...yamlFiles(join(repo, 'test/fixtures/compose')),
  ...yamlFiles(join(repo, 'examples')),
];

describe('the fast and precise YAML readers', () => {
  it.each(files.map((f) => [f.slice(repo.length + 1), f]))(
    '%s reads the same with both',
    (_name, file) => {
      const outcome = compare(readFileSync(file, 'utf8'), file);
      expect(outcome).not.toBe('declined');
    },
  );

  it.each([
    ['1_000', 1000],
    ['0644', 420],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['-0b101', -5],
    ['+12', 12],
    ['09', 9],
    ['1e3', 1000],
    ['1_000.5', 1000.5],
    ['.5', 0.5],
    ['-.inf', -Infinity],
    ['~', null],
    ['Null', null],
    ['TRUE', true],
    ['yes', 'yes'],
    ['on', 'on'],
    ['2001-12-14', '2001-12-14'],
    ['"1_000"', '1_000'],
    ["'0644'", '0644'],
    ['!!str 5', '5'],
    ['!!int "5"', 5],
    ['!!float 5', 5],
    ['0x', '0x'],
    ['1__0', 10],
    ['_1', '_1'],
  ])('%s reads as %s with both', (text, expected) => {
    expect(compare(`v: ${text}\n`, text)).toBe('same');
    const fast = parseYamlFast(`v: ${text}\n`, '/d/c.yaml', '/d')?.[0];
    expect(fast?.kind === 'map' ? fast.entries.get('v') : undefined).toMatchObject({
      value: expected,
    });
  });

  it.each([
    ['an alias inside its own anchor', 'a: &d\n  b: 1\n  c:\n    <<: *d\n'],
    ['an under-indented quoted continuation', 'a:\n  b: "x\ny"\n'],
    ['an under-indented flow continuation', 'a:\n  b: [x,\n y]\n'],
    ['a comment glued to a bracket', 'a: {}#c\n'],
    ['a key after a closing bracket', 'a:\n  b: [1\n    ] c: d\n'],
    ['an explicit sequence key', '? [a]\n: b\n'],
    ['a mapping after an anchor on its key line', 'a: &x b: c\n'],
    ['a NUL character', 'a: b # \0\n'],
    ['two merge keys in one mapping', 'x: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<: *x\n  <<: *y\n'],
  ])('%s: the fast reader never accepts what the precise one refuses', (_what, text) => {
    expect(['same', 'rejected', 'declined']).toContain(compare(text, JSON.stringify(text)));
  });

  it('an explicit tag the text does not fit is an issue of the precise reader only', () => {
    expect(compare('v: !!int abc\n', 'v: !!int abc')).toBe('rejected');
  });

  it(`agree on ${mutantsCount} mutated files (seed ${seed}) and random plain scalars`, () => {
    const rand = mulberry32(seed);
    const bases = corpus();
    const counts: Record<Outcome, number> = { same: 0, rejected: 0, declined: 0 };
    for (let n = 0; n < mutantsCount; n++) {
      counts[compare(mutate(bases[n % bases.length] ?? '', rand), `mutant ${n} (seed ${seed})`)]++;
    }
    const alphabet = '0123456789_+-.eExXoObB~aN';
    for (let n = 0; n < mutantsCount; n++) {
      let s = '';
      for (let i = 1 + Math.floor(rand() * 6); i > 0; i--)
        s += alphabet.charAt(Math.floor(rand() * 25));
      compare(`v: ${s}\n`, `scalar ${JSON.stringify(s)}`);
    }
    // Both outcomes are exercised, and declining stays the exception.
    expect(counts.same).toBeGreaterThan(mutantsCount / 10);
    expect(counts.rejected).toBeGreaterThan(mutantsCount / 10);
    expect(counts.declined).toBeLessThan(mutantsCount / 50);
  });
});

/**
 * Robustness: thousands of mutated compose files (seeded, replayable with FUZZ_SEED=n) must each
 * end in a project or in located issues, never in an exception. Wall-clock bounds live in bench/
 * (bench/compose-config.ts), not here: a timing assertion fails on a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/compose/parse/index.js';
import { parseYaml } from '../../../src/compose/parse/yaml.js';
import { corpus, mulberry32, mutate } from './mutate.js';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261123);
const mutantsCount = Number(process.env['FUZZ_COUNT'] ?? 3000);

describe('compose parser robustness', () => {
  it(`never crashes on ${mutantsCount} mutated files (seed ${seed})`, () => {
    const rand = mulberry32(seed);
    const bases = corpus();
    let projects = 0;
    for (let n = 0; n < mutantsCount; n++) {
      const text = mutate(bases[n % bases.length] ?? '', rand);
      if (process.env['FUZZ_DUMP'] === String(n))
        process.stdout.write(`--- mutant ${n}\n${text}\n---\n`);
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
    // Sanity: the mutations leave a share of files loadable, so both paths are exercised.
    expect(projects).toBeGreaterThan(0);
    expect(projects).toBeLessThan(mutantsCount);
  });
});

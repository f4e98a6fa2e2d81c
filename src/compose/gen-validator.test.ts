import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorSource } from './gen-validator.js';

describe('parse/schema-validator.gen.ts', () => {
  it('matches the schema (regenerate with: npx tsx src/compose/gen-validator.ts)', async () => {
    const committed = readFileSync(
      new URL('./parse/schema-validator.gen.ts', import.meta.url),
      'utf8',
    );
    const prettier = await import('prettier');
    const options =
      (await prettier.resolveConfig('src/compose/parse/schema-validator.gen.ts')) ?? {};
    const fresh = await prettier.format(validatorSource(), { ...options, parser: 'typescript' });
    expect(committed === fresh || committed === validatorSource()).toBe(true);
  });
});

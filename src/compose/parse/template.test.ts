import { describe, expect, it } from 'vitest';
import { substitute } from './template.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '', NUM: '3' };
const lookup = (n: string): string | undefined => env[n];

describe('substitute()', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['$SET$NUM', 'value3'],
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${EMPTY-default}', ''],
    ['${UNSET-default}', 'default'],
    ['${SET:-default}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${ALSO:-${SET}}}', 'value'],
    ['${UNSET:-a ${SET} b}', 'a value b'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost: 5$', 'cost: 5$'],
    ['$1', '$1'],
    ['${SET:?required}', 'value'],
    ['no variables', 'no variables'],
  ])('substitutes %s into %s', (input, expected) => {
    const r = substitute(input, lookup);
    expect(r).toMatchObject({ ok: true, value: expected });
  });

  it('reports unset variables that defaulted to blank', () => {
    expect(substitute('${A} $B ${C:-x}', lookup)).toEqual({
      ok: true,
      value: '  x',
      unset: ['A', 'B'],
    });
  });

  it.each([
    ['${UNSET:?must be set}', 'Required variable "UNSET" is missing a value: must be set'],
    ['${EMPTY:?}', 'Required variable "EMPTY" is missing a value'],
    ['${UNSET?gone}', 'Required variable "UNSET" is missing a value: gone'],
  ])('rejects a missing required variable in %s', (input, message) => {
    expect(substitute(input, lookup)).toMatchObject({ ok: false, message });
  });

  it('accepts an empty value for ${VAR?err} (no colon)', () => {
    expect(substitute('${EMPTY?err}', lookup)).toMatchObject({ ok: true, value: '' });
  });

  it.each(['${SET', '${}', '${1A}', '${SET%x}', '${SET:x}'])(
    'rejects the invalid template %s',
    (input) => {
      expect(substitute(input, lookup)).toMatchObject({ ok: false });
    },
  );
});

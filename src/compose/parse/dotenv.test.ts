import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv.js';

describe('parseDotenv()', () => {
  it('reads the dotenv dialect of Docker Compose', () => {
    const text = [
      '# comment',
      'A=1',
      'export B=two',
      'C="multi',
      'line"',
      "D='${A} literal'",
      'E=${A}-x # trailing comment',
      'F="esc\\naped"',
      'FROM_SHELL',
      'NOT_IN_SHELL',
      'G=',
    ].join('\n');
    const { values, issues } = parseDotenv(text, (n) => (n === 'FROM_SHELL' ? 'shell' : undefined));
    expect(issues).toEqual([]);
    expect(Object.fromEntries(values)).toEqual({
      A: '1',
      B: 'two',
      C: 'multi\nline',
      D: '${A} literal',
      E: '1-x',
      F: 'esc\naped',
      FROM_SHELL: 'shell',
      G: '',
    });
  });

  it('reports bad lines with their line numbers', () => {
    const { issues } = parseDotenv('OK=1\n1BAD=2\nQ="open\n');
    expect(issues).toEqual([
      { line: 2, message: 'Invalid variable name "1BAD"' },
      { line: 3, message: 'Unterminated quoted value for "Q"' },
    ]);
  });
});

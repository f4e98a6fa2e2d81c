import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors.js';
import { containerLogMaxBytes, containerLogMaxFiles } from './limits.js';
import { logOptionsFromFlags, parseLogOptions } from './log-options.js';

describe('parseLogOptions()', () => {
  it.each([
    [{}, { maxSizeBytes: containerLogMaxBytes, maxFiles: containerLogMaxFiles }],
    [
      { 'max-size': '10m', 'max-file': '3' },
      { maxSizeBytes: 10 * 1024 ** 2, maxFiles: 3 },
    ],
    [{ 'max-size': '512k' }, { maxSizeBytes: 512 * 1024, maxFiles: containerLogMaxFiles }],
    [
      { 'max-size': '1g', 'max-file': '1' },
      { maxSizeBytes: 1024 ** 3, maxFiles: 1 },
    ],
    [{ 'max-size': '2048' }, { maxSizeBytes: 2048, maxFiles: containerLogMaxFiles }],
    [{ 'max-size': '1.5k' }, { maxSizeBytes: 1536, maxFiles: containerLogMaxFiles }],
    [{ 'max-file': '5' }, { maxSizeBytes: containerLogMaxBytes, maxFiles: 5 }],
    [{ 'max-size': '-1' }, { maxSizeBytes: Number.MAX_SAFE_INTEGER, maxFiles: 1 }],
  ])('parses %j', (opts, want) => {
    expect(parseLogOptions(opts)).toEqual(want);
  });

  it.each([
    [{ compress: 'true' }, 'log_opts.compress', /Unknown --log-opt "compress"/],
    [{ 'max-size': '10x' }, 'log_opts.max-size', /max-size="10x"/],
    [{ 'max-size': '0' }, 'log_opts.max-size', /positive size/],
    [{ 'max-size': '' }, 'log_opts.max-size', /positive size/],
    [{ 'max-file': '0' }, 'log_opts.max-file', /at least 1/],
    [{ 'max-file': 'three' }, 'log_opts.max-file', /whole number/],
    [{ 'max-file': '-2' }, 'log_opts.max-file', /whole number/],
    [{ 'max-file': '101' }, 'log_opts.max-file', /at most 100/],
    [{ 'max-size': '-1', 'max-file': '3' }, 'log_opts.max-file', /needs max-size/],
  ])('refuses %j naming the option', (opts, field, message) => {
    let caught: unknown;
    try {
      parseLogOptions(opts);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).details?.['field']).toBe(field);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('logOptionsFromFlags()', () => {
  it('splits KEY=VALUE at the first "="', () => {
    expect(logOptionsFromFlags(['max-size=1m', 'max-file=2'])).toEqual({
      'max-size': '1m',
      'max-file': '2',
    });
  });

  it.each(['max-size', '=1m'])('refuses %j', (flag) => {
    expect(() => logOptionsFromFlags([flag])).toThrow(/Invalid --log-opt .*KEY=VALUE/);
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';
import type { CliIo } from './io.js';
import { formatError } from './io.js';
import { TsorchError } from '../util/errors.js';

function captureIo(
  env: Record<string, string> = {},
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env,
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

describe('runCli()', () => {
  it('prints the version with --version and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints help with --help and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: tsorch');
  });

  it('exits 2 with a one-line error on an unknown command', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err()).toMatch(/^Error: unknown command 'frobnicate'/);
  });

  it('exits 2 on an unknown option', async () => {
    const io = captureIo();
    expect(await runCli(['version', '--nope'], io)).toBe(2);
    expect(io.err()).toContain("Error: unknown option '--nope'");
  });
});

describe('formatError()', () => {
  it('prints operating errors as one message with a hint and exit code 1', () => {
    const r = formatError(
      new TsorchError('NOT_FOUND', 'No such thing "x"', { hint: 'try y' }),
      false,
    );
    expect(r).toEqual({ text: 'Error: No such thing "x"\nHint: try y\n', code: 1 });
  });

  it('reports other errors as internal, without a stack trace unless debugging', () => {
    const plain = formatError(new TypeError('boom'), false);
    expect(plain.code).toBe(70);
    expect(plain.text).not.toContain('at ');
    const debug = formatError(new TypeError('boom'), true);
    expect(debug.text).toContain('TypeError: boom\n    at ');
  });
});

import { describe, expect, it } from 'vitest';
import { runCommand } from './spawn.js';

describe('runCommand()', () => {
  it('captures output and the exit code', async () => {
    const r = await runCommand(['sh', '-c', 'echo out; echo err >&2; exit 3'], {
      timeoutMs: 10_000,
    });
    expect(r).toEqual({
      exitCode: 3,
      signal: undefined,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
    });
  });

  it('feeds input on stdin', async () => {
    const r = await runCommand(['cat'], { timeoutMs: 10_000, input: 'hello' });
    expect(r.stdout).toBe('hello');
  });

  it('kills a command past its deadline', async () => {
    const r = await runCommand(['sleep', '30'], { timeoutMs: 100 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
  });

  it('returns when the command exits even if a child keeps its pipes open', async () => {
    // The background sleep inherits stdout; the result must not wait for it.
    const r = await runCommand(['sh', '-c', 'sleep 30 & echo started'], { timeoutMs: 10_000 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('started\n');
  });

  it('rejects when the program does not exist', async () => {
    await expect(runCommand(['/no/such/program'], { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

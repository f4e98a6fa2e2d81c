import { describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import { processRunner } from './exec.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('Expected a failure');
}

describe('processRunner', () => {
  it('passes stdin and returns stdout', async () => {
    expect(await processRunner.run('cat', [], { stdin: 'link show\n' })).toBe('link show\n');
  });

  it('reports a failing tool with its command and stderr tail', async () => {
    const err = await failure(
      processRunner.run('sh', ['-c', 'echo "Cannot find device" >&2; exit 2']),
    );
    expect(hasCode(err, 'NET_FAILED')).toBe(true);
    expect((err as Error).message).toBe(
      'Network command "sh -c echo "Cannot find device" >&2; exit 2" failed: Cannot find device',
    );
  });

  it('names a tool that is not installed', async () => {
    const err = await failure(processRunner.run('tsorch-no-such-tool', []));
    expect(hasCode(err, 'NET_FAILED')).toBe(true);
    expect((err as Error).message).toBe('Cannot run "tsorch-no-such-tool": it is not installed');
  });
});

import { describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import { BatchSession } from './batch-session.js';

// Real `ip` processes; only commands that read or fail, so no privilege is needed.

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('Expected a failure');
}

describe('BatchSession', () => {
  it('runs batch after batch in one ip process', async () => {
    const s = new BatchSession();
    try {
      await s.run([]);
      const pid = s.pid;
      expect(pid).toBeGreaterThan(0);
      await s.run([]);
      await s.run([]);
      expect(s.pid).toBe(pid);
    } finally {
      s.close();
    }
  });

  it('names the failing command with ip message, and runs the next batch in a new process', async () => {
    const s = new BatchSession();
    try {
      const err = await failure(s.run(['link set dev tsnosuch0 up', 'link set dev lo up']));
      expect(hasCode(err, 'NET_FAILED')).toBe(true);
      expect(err.message).toBe(
        'Network command "link set dev tsnosuch0 up" failed: Cannot find device "tsnosuch0"',
      );
      await s.run([]);
      expect(s.alive).toBe(true);
    } finally {
      s.close();
    }
  });

  it('runs a failed command again in a fresh process (a stale link cache) before reporting it', async () => {
    const s = new BatchSession();
    try {
      await s.run([]);
      const first = s.pid;
      const err = await failure(s.run(['link set dev tsnosuch1 up']));
      expect(err.message).toContain('"link set dev tsnosuch1 up" failed: Cannot find device');
      // The first process stopped at the failure; the retry ran in a second one, which failed too.
      await s.run([]);
      expect(s.pid).not.toBe(first);
    } finally {
      s.close();
    }
  });

  it('starts a new process when the old one died between batches', async () => {
    const s = new BatchSession();
    try {
      await s.run([]);
      const pid = s.pid ?? 0;
      process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      await s.run([]);
      expect(s.pid).not.toBe(pid);
    } finally {
      s.close();
    }
  });

  it('with oneProcess, neither retries nor restarts: a new process would be another namespace', async () => {
    const s = new BatchSession({ oneProcess: true });
    try {
      await s.run([]);
      const err = await failure(s.run(['link set dev tsnosuch2 up']));
      expect(err.message).toBe(
        'Network command "link set dev tsnosuch2 up" failed: Cannot find device "tsnosuch2"',
      );
      const again = await failure(s.run([]));
      expect(again.message).toBe('"ip -o -batch -" exited; it is not restarted');
    } finally {
      s.close();
    }
  });

  it('fails a batch that outlives its deadline and kills the process', async () => {
    // A process that reads and never answers stands for an ip that hangs.
    const s = new BatchSession({ argv: ['sh', '-c', 'cat > /dev/null'], timeoutMs: 300 });
    try {
      const err = await failure(s.run(['link set dev lo up']));
      expect(err.message).toBe(
        'Network command "sh -c cat > /dev/null <<< link set dev lo up" timed out after 300 ms',
      );
      expect(s.alive).toBe(false);
    } finally {
      s.close();
    }
  });

  it('stops waiting when the caller aborts', async () => {
    const s = new BatchSession({ argv: ['sh', '-c', 'cat > /dev/null'] });
    const ac = new AbortController();
    const run = s.run(['link set dev lo up'], ac.signal);
    ac.abort(new Error('container start cancelled'));
    const err = await failure(run);
    expect(hasCode(err, 'CANCELLED')).toBe(true);
    expect(err.message).toBe('Network command aborted: container start cancelled');
    s.close();
  });

  it('names a tool that is not installed', async () => {
    const s = new BatchSession({ argv: ['tsorch-no-such-tool'] });
    const err = await failure(s.run([]));
    expect(err.message).toBe('Cannot run "tsorch-no-such-tool": it is not installed');
  });

  it('refuses a line holding a newline (it would run a second command)', async () => {
    const s = new BatchSession();
    const err = await failure(s.run(['link set dev lo up\nlink del lo']));
    expect(err.message).toBe('Invalid batch line "link set dev lo up\\nlink del lo"');
    s.close();
  });

  it('refuses a command that prints (its output would pass for the end of the batch)', async () => {
    const s = new BatchSession();
    const err = await failure(s.run(['link show dev lo']));
    expect(err.message).toBe('Invalid batch line "link show dev lo": it reads, not changes');
    s.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { ProgressPrinter } from './progress-printer.js';

function fakeIo(isTTY: boolean): { io: CliIo; out: () => string } {
  let text = '';
  const stdout = { isTTY, write: (s: string) => (text += s) };
  return { io: { stdout, stderr: stdout, env: {}, cwd: '/' }, out: () => text };
}

const ev = (id: string, status: string, current = 0, total = 0) => ({
  id,
  status,
  currentBytes: String(current),
  totalBytes: String(total),
});

describe('ProgressPrinter', () => {
  it('prints one plain line per status change when not on a terminal', () => {
    const { io, out } = fakeIo(false);
    const p = new ProgressPrinter(io);
    p.update(ev('aaa', 'Waiting'));
    p.update(ev('bbb', 'Waiting'));
    p.update(ev('aaa', 'Downloading', 1, 10));
    p.update(ev('aaa', 'Downloading', 5, 10));
    p.update(ev('aaa', 'Pull complete'));
    p.update(ev('', 'Digest: sha256:x'));
    expect(out()).toBe(
      'aaa: Waiting\nbbb: Waiting\naaa: Downloading\naaa: Pull complete\nDigest: sha256:x\n',
    );
  });

  it('redraws each layer on its own row on a terminal', () => {
    const { io, out } = fakeIo(true);
    const p = new ProgressPrinter(io);
    p.update(ev('aaa', 'Waiting'));
    p.update(ev('bbb', 'Waiting'));
    p.update(ev('aaa', 'Downloading', 500_000, 2_000_000));
    p.update(ev('bbb', 'Pull complete'));
    expect(out()).toBe(
      'aaa: Waiting\nbbb: Waiting\n' +
        '\x1b[2A\r\x1b[2Kaaa: Downloading 500kB/2MB\x1b[2B\r' +
        '\x1b[1A\r\x1b[2Kbbb: Pull complete\x1b[1B\r',
    );
  });
});

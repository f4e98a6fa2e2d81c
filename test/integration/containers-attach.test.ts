/**
 * `run -i -t`, `attach`, `create` + `start -a -i` through the real daemon, shim and CLI. The
 * CLI runs on a pseudo-terminal made by util-linux `script`, which the test types into: typed
 * input echoes, `stty size` shows the CLI's window size (and follows a resize), the exit code
 * passes through, the detach keys leave the container running and `attach` resumes it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { tsorchCommand, type TestDaemon } from '../helpers/daemon.js';
import { daemonWithBusybox } from './containers-harness.js';

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** The CLI on a pseudo-terminal of `rows` x `cols`; `before` runs first in the same shell. */
function onTerminal(
  d: TestDaemon,
  args: string[],
  o: { rows: number; cols: number; before?: string },
) {
  const { cmd, args: argv } = tsorchCommand(args);
  const line = [cmd, ...argv].map(quote).join(' ');
  const shell = `stty rows ${String(o.rows)} cols ${String(o.cols)}; ${o.before ?? ''} exec ${line}`;
  const child = spawn('script', ['-q', '-e', '-c', shell, '/dev/null'], {
    env: { ...process.env, ...d.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = { text: '' };
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out.text += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (out.text += t));
  const exited = new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  return {
    child,
    out,
    exited,
    type: (s: string) => child.stdin.write(s),
    /** Waits for `text` to appear after position `from` of the output. */
    see: (text: string | RegExp, from = 0) =>
      waitFor(
        `${String(text)} on the terminal`,
        () => {
          const rest = out.text.slice(from);
          return typeof text === 'string' ? rest.includes(text) : text.test(rest);
        },
        { timeoutMs: 20_000 },
      ),
  };
}

async function running(d: TestDaemon, name: string): Promise<boolean> {
  const r = await d.cli(['ps', '--format', '{{.name}}']);
  return r.stdout.split('\n').includes(name);
}

describe('attached terminals and stdin', () => {
  const cleanup = useCleanup();

  it('run -it: echo, window size and resize, detach keys, attach, exit code', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc', 'script', 'stty');
    const d = await daemonWithBusybox(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-tty-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const flag = join(dir, 'resize');
    // Resizes the CLI's terminal once the test says so (the kernel sends it SIGWINCH). A
    // background job's stdin is /dev/null: name the terminal.
    const resizer = `(while [ ! -e ${quote(flag)} ]; do sleep 0.1; done; stty rows 40 cols 120 </dev/tty) &`;
    const t = onTerminal(d, ['run', '-it', '--name', 'tty1', 'busybox:test', 'sh'], {
      rows: 33,
      cols: 101,
      before: resizer,
    });
    cleanup.push(() => t.child.kill('SIGKILL'));
    await t.see('# ');
    let at = t.out.text.length;
    t.type("echo hel''lo\r");
    // The terminal echoes what was typed, then the command's output.
    await t.see(/echo hel''lo[\r\n]+hello/, at);
    at = t.out.text.length;
    t.type('stty size\r');
    await t.see('33 101', at);
    writeFileSync(flag, '');
    await waitFor(
      'the new size in the container',
      async () => {
        const from = t.out.text.length;
        t.type('stty size\r');
        await new Promise((r) => setTimeout(r, 300));
        return t.out.text.slice(from).includes('40 120');
      },
      { timeoutMs: 20_000 },
    );
    // ctrl-p ctrl-q: the CLI ends with 0, the container keeps running.
    t.type('\u0010\u0011');
    expect(await t.exited).toBe(0);
    expect(await running(d, 'tty1')).toBe(true);

    const a = onTerminal(d, ['attach', 'tty1'], { rows: 20, cols: 70 });
    cleanup.push(() => a.child.kill('SIGKILL'));
    at = a.out.text.length;
    a.type('echo again; stty size\r');
    await a.see(/again[\r\n]+20 70/, at);
    a.type('exit 3\r');
    expect(await a.exited).toBe(3);
    await waitFor('the container to stop', async () => !(await running(d, 'tty1')));
    // The terminal's output is logged as stdout.
    expect((await d.cli(['logs', 'tty1'])).stdout).toContain('hello');
  });

  it('--detach-keys, and run -it --rm passes the exit code and removes', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc', 'script', 'stty');
    const d = await daemonWithBusybox(cleanup);
    const t = onTerminal(
      d,
      ['run', '-it', '--detach-keys', 'ctrl-a,x', '--name', 'keys', 'busybox:test', 'sh'],
      { rows: 24, cols: 80 },
    );
    cleanup.push(() => t.child.kill('SIGKILL'));
    await t.see('# ');
    // ctrl-p ctrl-q are ordinary keys now; ctrl-a then x detaches.
    t.type('\u0010\u0011echo still\r');
    await t.see('still');
    t.type('\u0001x');
    expect(await t.exited).toBe(0);
    expect(await running(d, 'keys')).toBe(true);

    const r = onTerminal(d, ['run', '-it', '--rm', 'busybox:test', 'sh', '-c', 'exit 7'], {
      rows: 24,
      cols: 80,
    });
    cleanup.push(() => r.child.kill('SIGKILL'));
    expect(await r.exited).toBe(7);
    await waitFor('auto-removal', async () => {
      const ps = await d.cli(['ps', '-a', '--format', '{{.name}}']);
      return ps.stdout.trim() === 'keys';
    });
  });

  it('-i without -t: stdin is a pipe; create + start -a -i; the end of input closes it', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const cat = await d.cli(['run', '-i', '--rm', 'busybox:test', 'cat'], {
      input: 'line one\nline two\n',
    });
    expect(cat.code, cat.stderr).toBe(0);
    expect(cat.stdout).toBe('line one\nline two\n');
    const code = await d.cli(['run', '-i', 'busybox:test', 'sh', '-c', 'read x; exit $x'], {
      input: '7\n',
    });
    expect(code.code).toBe(7);

    const created = await d.cli([
      'create',
      '-i',
      '--name',
      'later',
      'busybox:test',
      'sh',
      '-c',
      'wc -l',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const started = await d.cli(['start', '-a', '-i', 'later'], { input: 'a\nb\nc\n' });
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout.trim()).toBe('3');
    // Without -i on run, stdin is /dev/null: cat ends at once.
    const none = await d.cli(['run', '--rm', 'busybox:test', 'cat'], { input: 'ignored\n' });
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('-i: an end of input that comes after its data reached the container still closes it', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    // The end comes once cat has echoed the line: the shim had written the data to the pipe
    // before the end's frame arrived on its own.
    const { cmd, args } = tsorchCommand(['run', '-i', '--rm', 'busybox:test', 'cat']);
    const child = spawn(cmd, args, { env: { ...process.env, ...d.env }, stdio: 'pipe' });
    cleanup.push(() => child.kill('SIGKILL'));
    const out = { text: '' };
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out.text += t));
    const exited = new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    child.stdin.write('first\n');
    await waitFor('the echo of the first line', () => out.text === 'first\n', {
      timeoutMs: 20_000,
    });
    child.stdin.end();
    await waitFor('the CLI to exit at the end of its input', () => child.exitCode !== null, {
      timeoutMs: 20_000,
    });
    expect(await exited).toBe(0);
    expect(out.text).toBe('first\n');
  });

  it('refuses what cannot work, with clear messages', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    // stdin is a pipe here, not a terminal.
    const notTty = await d.cli(['run', '-it', 'busybox:test', 'sh']);
    expect(notTty.code).toBe(2);
    expect(notTty.stderr).toMatch(/The input device is not a TTY/);
    expect((await d.cli(['create', '--name', 'idle', 'busybox:test', 'true'])).code).toBe(0);
    const stopped = await d.cli(['attach', 'idle']);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/Cannot attach to container "idle": it is created/);
    const keys = await d.cli(['run', '-i', '--detach-keys', 'ctrl-1', 'busybox:test', 'true']);
    expect(keys.code).toBe(1);
    expect(keys.stderr).toMatch(/Invalid detach keys "ctrl-1"/);
    expect(keys.stderr).not.toMatch(/\n\s+at /);
    const missing = await d.cli(['attach', 'nosuch']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such container/i);
  });
});

/**
 * A long-lived `ip -o -batch -` fed on stdin, so a batch costs two pipe writes instead of a
 * process start (ADR 034). Batches run one at a time; each is followed by a marker command
 * (`link show dev lo`, the one line of output a batch of changes produces), whose answer says
 * the batch is done; so a session takes changes only, never a command that prints. Without `-force`, `ip` stops at the first failing command and exits with
 * `Command failed -:N` on stderr. A long-lived `ip` keeps a name-to-index cache of links, which
 * goes stale when another process deletes and makes a link of the same name again; so the failed
 * command and those after it are run once more in a fresh process (a failed command changed
 * nothing), and only a second failure is reported, naming the command. Every request is bounded by {@link netCommandTimeoutMs}; a process that
 * outlives it is killed.
 *
 * @module
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { netCommandTimeoutMs, netnsSparesKept, netStderrTailChars } from '../util/limits.js';
import { NetError } from './errors.js';
import { innerIfName } from './ip-commands.js';

/** The command after every batch; `lo` is index 1 in every namespace. */
const markerLine = 'link show dev lo';
const markerAnswer = /^1: lo[:@]/m;
const readVerb = /^\S+\s+(show|list|ls|get|monitor|help)\b/;

interface Pending {
  lines: readonly string[];
  /** Lines the process had read before this batch. */
  base: number;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** Options of {@link BatchSession}. */
export interface BatchSessionOptions {
  /** The command line; default `ip -o -batch -`. */
  argv?: readonly string[];
  /** Deadline of one batch. */
  timeoutMs?: number;
  /**
   * Never a second process: no retry in a fresh one, no restart after an exit. For a process
   * whose namespace is the point (a spare: a new process would be in a new namespace).
   */
  oneProcess?: boolean;
}

/** One long-lived batch process, started on first use and again after it died. */
export class BatchSession {
  readonly #argv: readonly string[];
  readonly #timeoutMs: number;
  readonly #oneProcess: boolean;
  #started = false;
  #child: ChildProcessWithoutNullStreams | undefined;
  #linesRead = 0;
  #stdout = '';
  #stderr = '';
  #pending: Pending | undefined;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: BatchSessionOptions = {}) {
    this.#argv = options.argv ?? ['ip', '-o', '-batch', '-'];
    this.#timeoutMs = options.timeoutMs ?? netCommandTimeoutMs;
    this.#oneProcess = options.oneProcess ?? false;
  }

  /** The process id while one runs (for `ip netns attach NAME PID`). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Whether a process runs and has not been closed. */
  get alive(): boolean {
    return this.#child !== undefined && !this.#closed;
  }

  /**
   * Runs `lines` (no newlines inside) in the session's process, after the batches before it.
   *
   * @throws {NetError} naming the failing command with ip's message; on a timeout or abort.
   */
  run(lines: readonly string[], signal?: AbortSignal): Promise<void> {
    const work = async (): Promise<void> => {
      const fresh = this.#child === undefined;
      try {
        await this.#runNow(lines, signal);
      } catch (err) {
        if (fresh || this.#oneProcess || !(err instanceof BatchLineError)) throw err;
        await this.#runNow(lines.slice(err.index), signal);
      }
    };
    const result = this.#queue.then(work, work);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the process: stdin closed, so it exits once its last batch is done. */
  close(): void {
    this.#closed = true;
    this.#child?.stdin.end();
  }

  #runNow(lines: readonly string[], signal?: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.reject(new NetError('The network batch process was closed'));
    const body = lines.filter((l) => l !== '');
    for (const l of body) {
      if (l.includes('\n')) throw new NetError(`Invalid batch line ${JSON.stringify(l)}`);
      // Output of its own would be taken for the marker's answer: a session makes changes only.
      if (readVerb.test(l)) throw new NetError(`Invalid batch line "${l}": it reads, not changes`);
    }
    if (signal?.aborted === true) return Promise.reject(aborted(signal));
    if (this.#child === undefined && this.#oneProcess && this.#started) {
      return Promise.reject(new NetError(`"${this.#argv.join(' ')}" exited; it is not restarted`));
    }
    const child = this.#child ?? this.#start();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#fail(aborted(signal));
        this.#drop(child);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (err?: Error): void => {
        signal?.removeEventListener('abort', onAbort);
        if (err === undefined) resolve();
        else reject(err);
      };
      const timer = setTimeout(() => {
        this.#fail(
          new NetError(
            `Network command "${this.#describe(body)}" timed out after ${this.#timeoutMs} ms`,
          ),
        );
        this.#drop(child);
      }, this.#timeoutMs);
      this.#pending = {
        lines: body,
        base: this.#linesRead,
        resolve: () => done(),
        reject: (e) => done(e),
        timer,
      };
      this.#stdout = '';
      this.#stderr = '';
      this.#linesRead += body.length + 1;
      child.stdin.write(`${[...body, markerLine].join('\n')}\n`);
    });
  }

  #start(): ChildProcessWithoutNullStreams {
    const [file = 'ip', ...args] = this.#argv;
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child = child;
    this.#started = true;
    this.#linesRead = 0;
    // An idle session must not keep the process alive; a pending batch's timer does.
    child.unref();
    for (const s of [child.stdin, child.stdout, child.stderr]) {
      (s as unknown as { unref?: () => void }).unref?.();
    }
    child.stdin.on('error', () => {
      // The process died; its exit reports the failure.
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (this.#child !== child) return;
      this.#stdout += d;
      if (markerAnswer.test(this.#stdout)) this.#finish();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (this.#child !== child) return;
      this.#stderr = (this.#stderr + d).slice(-netStderrTailChars * 2);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      this.#fail(
        err.code === 'ENOENT'
          ? new NetError(`Cannot run "${file}": it is not installed`, {
              cause: err,
              hint: 'Install iproute2, iptables and util-linux (bash scripts/setup-host.sh)',
            })
          : new NetError(`Cannot run "${this.#argv.join(' ')}": ${err.message}`, { cause: err }),
      );
    });
    // 'close', not 'exit': ip's last words on stderr are read by then.
    child.on('close', (code, sig) => {
      // A process dropped after a timeout is no longer the session's: its exit is not news.
      if (this.#child !== child) return;
      this.#child = undefined;
      const p = this.#pending;
      if (p === undefined) return;
      this.#fail(this.#exitError(p, code, sig));
    });
    return child;
  }

  /** Forgets a process that failed its batch and kills it; the next batch starts another. */
  #drop(child: ChildProcessWithoutNullStreams): void {
    if (this.#child === child) this.#child = undefined;
    child.kill('SIGKILL');
  }

  #finish(): void {
    const p = this.#pending;
    if (p === undefined) return;
    this.#pending = undefined;
    clearTimeout(p.timer);
    p.resolve();
  }

  #fail(err: Error): void {
    const p = this.#pending;
    if (p === undefined) return;
    this.#pending = undefined;
    clearTimeout(p.timer);
    p.reject(err);
  }

  /** The failing command (`Command failed -:N`, N counted over the process's life) and why. */
  #exitError(p: Pending, code: number | null, sig: NodeJS.Signals | null): NetError {
    if (this.#closed) return new NetError('The network batch process was closed');
    const m = /Command failed -:(\d+)\s*$/.exec(this.#stderr.trim());
    const why = this.#stderr
      .replace(/Command failed -:\d+\s*$/, '')
      .trim()
      .slice(-netStderrTailChars);
    const index = m === null ? -1 : Number(m[1]) - 1 - p.base;
    // A bad argument makes ip exit at once, without the line number: the first line holding
    // the argument it names is the one.
    const arg = /argument "([^"]+)" is wrong/.exec(why)?.[1];
    const named = arg === undefined ? undefined : p.lines.find((l) => l.split(' ').includes(arg));
    const command = p.lines[index] ?? named ?? this.#describe(p.lines);
    const status = sig === null ? `exit status ${String(code)}` : `signal ${sig}`;
    const message = `Network command "${command}" failed: ${why || status}`;
    const details = { command, stderr: why };
    return index >= 0 && index < p.lines.length
      ? new BatchLineError(message, index, details)
      : new NetError(message, { details });
  }

  #describe(lines: readonly string[]): string {
    return `${this.#argv.join(' ')} <<< ${lines.join('; ')}`;
  }
}

/** A batch stopped at its `index`-th line (the lines before it were applied). */
class BatchLineError extends NetError {
  constructor(
    message: string,
    readonly index: number,
    details: Record<string, unknown>,
  ) {
    super(message, { details });
  }
}

function aborted(signal: AbortSignal | undefined): NetError {
  const reason: unknown = signal?.reason;
  return new NetError(
    `Network command aborted${reason instanceof Error ? `: ${reason.message}` : ''}`,
    { code: 'CANCELLED' },
  );
}

/** A namespace made ahead of need, with a veth pair: `eth0` inside, {@link hostIf} outside. */
export interface Spare {
  /** The `ip` running inside the namespace; its pid names the namespace. */
  readonly session: BatchSession;
  /** The outer end, in the caller's namespace, down, named `tsp` and 12 random hex digits. */
  readonly hostIf: string;
}

/** Where {@link HostNet} takes namespaces made ahead of need; {@link NetnsSpares} in a daemon. */
export interface SpareSource {
  take(signal?: AbortSignal): Promise<Spare | undefined>;
  warm(): void;
}

/**
 * Namespaces made ahead of need (ADR 034): a batch session started as `unshare --net ip -o
 * -batch -`, whose process runs in a new namespace, where it makes a veth pair with the outer
 * end put in the caller's namespace. An attach then names the namespace (`ip netns attach NAME
 * PID`), renames and bridges the outer end in the host's session and configures the inside
 * through the spare's own `ip`: no process start, no veth creation on the attach path.
 * {@link netnsSparesKept} spares are kept ready. An unused one dies with the daemon (its stdin closes), and its unnamed
 * namespace and veth pair with it, so nothing can leak.
 */
export class NetnsSpares implements SpareSource {
  readonly #ready: Promise<Spare | undefined>[] = [];
  #failures = 0;

  /** Spares kept ready: a burst of starts (compose up) takes one after the other. */
  constructor(private readonly keep = netnsSparesKept) {}

  /** Three failed starts in a row (no `unshare`, no privilege): spares are given up. */
  get #broken(): boolean {
    return this.#failures >= 3;
  }

  /**
   * A ready spare (the caller closes its session after use, then calls {@link warm}: starting
   * a process blocks the event loop for a moment, which the attach should not wait for);
   * undefined when none can be made here, so the caller takes the slower path.
   */
  async take(signal?: AbortSignal): Promise<Spare | undefined> {
    if (this.#broken) return undefined;
    const ready = this.#ready.shift() ?? this.#start();
    const spare = await ready;
    // One that died since it was ready is not waited for: the caller takes the slower path.
    if (spare === undefined || !spare.session.alive || signal?.aborted === true) {
      spare?.session.close();
      return undefined;
    }
    return spare;
  }

  /** Starts spares in the background up to the number kept, so attaches do not wait. */
  warm(): void {
    while (!this.#broken && this.#ready.length < this.keep) this.#ready.push(this.#start());
  }

  #start(): Promise<Spare | undefined> {
    const session = new BatchSession({
      argv: ['unshare', '--net', '--', 'ip', '-o', '-batch', '-'],
      oneProcess: true,
    });
    const hostIf = `tsp${randomBytes(6).toString('hex')}`;
    return session
      .run([`link add ${innerIfName} type veth peer name ${hostIf} netns ${process.pid}`])
      .then(
        () => {
          this.#failures = 0;
          return { session, hostIf };
        },
        () => {
          this.#failures++;
          session.close();
          return undefined;
        },
      );
  }
}

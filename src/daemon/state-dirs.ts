/**
 * The daemon's hold on its directories: private modes on the state (`--root`) and runtime
 * (`--run`) directories at every start, whoever made them, and an exclusive lock on the state
 * directory so that two daemons never share one root (a second one would re-adopt and delete the
 * first's containers).
 *
 * The lock is a `flock(2)` on `${root}/daemon.lock`, taken through `flock(1)` from util-linux:
 * Node has no flock, and the lock belongs to the open file description, so the daemon opens the
 * file, lends the descriptor to a short-lived `flock --nonblock` child that locks it and exits,
 * and keeps the descriptor open. The kernel drops the lock when the daemon's last descriptor
 * closes, also on SIGKILL; no helper process outlives the daemon and nothing is compiled.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { TsorchError } from '../util/errors.js';

/** Mode of the state and runtime directories: only the daemon's user may enter them. */
export const privateDirMode = 0o700;

/** File name of the root lock inside the state directory. */
export const rootLockFileName = 'daemon.lock';

/**
 * Creates `dir` when missing and makes it a private directory of this process's user: mode
 * 0700 and owned by the daemon's uid and gid, also when someone else created it before with a
 * wider mode (image layers hold setuid files and device nodes: CVE-2021-41091).
 *
 * @throws {TsorchError} FAILED_PRECONDITION when `dir` exists and is not a directory.
 */
export function ensurePrivateDir(dir: string, flag: string): void {
  mkdirSync(dir, { recursive: true, mode: privateDirMode });
  // Followed: an administrator may link the root elsewhere; the target is what must be private.
  const st = statSync(dir);
  if (!st.isDirectory()) {
    throw new TsorchError(
      'FAILED_PRECONDITION',
      `Cannot use "${dir}" for ${flag}: it is not a directory`,
    );
  }
  const uid = process.getuid?.() ?? st.uid;
  const gid = process.getgid?.() ?? st.gid;
  if (st.uid !== uid || st.gid !== gid) chownSync(dir, uid, gid);
  if ((st.mode & 0o7777) !== privateDirMode) chmodSync(dir, privateDirMode);
}

/** A held root lock. */
export interface RootLock {
  /** Releases the lock (closes the descriptor). Idempotent. */
  release(): void;
}

let held: { root: string; fd: number } | undefined;

/**
 * Takes the exclusive lock of the state directory `root` and writes this process's pid into the
 * lock file (for the message a second daemon prints).
 *
 * @throws {TsorchError} FAILED_PRECONDITION when another daemon holds it, or when this process
 *   already holds a root lock (one daemon per process).
 */
export function lockRoot(root: string): RootLock {
  if (held !== undefined) {
    throw new TsorchError(
      'FAILED_PRECONDITION',
      `Cannot lock the state directory "${root}": this process already holds "${held.root}"`,
    );
  }
  const file = join(root, rootLockFileName);
  const fd = openSync(file, 'a+', 0o600);
  const r = spawnSync('flock', ['--nonblock', '--exclusive', '--conflict-exit-code', '75', '3'], {
    stdio: ['ignore', 'ignore', 'pipe', fd],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    closeSync(fd);
    if (r.status === 75) {
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      const who = Number.isInteger(pid) && pid > 0 ? ` (pid ${pid})` : '';
      throw new TsorchError(
        'FAILED_PRECONDITION',
        `Cannot start the daemon: another tsorch daemon${who} uses the state directory "${root}"`,
        { hint: 'stop it first, or give this one its own --root directory' },
      );
    }
    const why = r.error?.message ?? (r.stderr.trim() || `exit code ${String(r.status)}`);
    throw new TsorchError(
      'FAILED_PRECONDITION',
      `Cannot lock the state directory "${root}" with flock(1): ${why}`,
      { hint: 'install util-linux (bash scripts/setup-host.sh)' },
    );
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  const lock = { root, fd };
  held = lock;
  return {
    release() {
      if (held !== lock) return;
      held = undefined;
      closeSync(fd);
    },
  };
}

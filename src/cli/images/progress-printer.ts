/**
 * The pull/push progress display: one line per layer, redrawn in place on a terminal; on
 * anything else, one plain line per status change (no byte counts), so logs stay readable.
 *
 * @module
 */
import type { CliIo } from '../io.js';
import { decimalSize } from '../output.js';

/** Prints per-layer progress: status changes as plain lines, or redrawn in place on a TTY. */
export class ProgressPrinter {
  readonly #io: CliIo;
  readonly #tty: boolean;
  readonly #lines: string[] = [];
  readonly #last = new Map<string, string>();

  constructor(io: CliIo) {
    this.#io = io;
    this.#tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  }

  /** Shows one progress event. */
  update(e: { id: string; status: string; currentBytes: string; totalBytes: string }): void {
    const bytes =
      Number(e.totalBytes) > 0 && (e.status === 'Downloading' || e.status === 'Pushing');
    const text =
      e.id === ''
        ? e.status
        : `${e.id}: ${e.status}${bytes ? ` ${decimalSize(Number(e.currentBytes))}/${decimalSize(Number(e.totalBytes))}` : ''}`;
    if (e.id === '') {
      // A whole-image line takes a row too, so later in-place updates count rows right.
      this.#lines.push('');
      this.#io.stdout.write(`${text}\n`);
      return;
    }
    if (!this.#tty) {
      if (this.#last.get(e.id) !== e.status) this.#io.stdout.write(`${e.id}: ${e.status}\n`);
      this.#last.set(e.id, e.status);
      return;
    }
    const row = this.#lines.lastIndexOf(e.id);
    if (row < 0) {
      this.#lines.push(e.id);
      this.#io.stdout.write(`${text}\n`);
      return;
    }
    const up = this.#lines.length - row;
    this.#io.stdout.write(`\x1b[${up}A\r\x1b[2K${text}\x1b[${up}B\r`);
  }
}

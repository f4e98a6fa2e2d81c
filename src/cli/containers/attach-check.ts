/**
 * The terminal check of `-i -t`, kept apart from the attach client so that `run` loads no
 * gRPC library before it needs one.
 *
 * @module
 */
import { UsageError } from '../io.js';

/**
 * Refuses `-i -t` when stdin is not a terminal (docker's rule).
 *
 * @throws {UsageError}
 */
export function checkInputTerminal(
  interactive: boolean,
  tty: boolean,
  stdinIsTerminal: boolean = process.stdin.isTTY,
): void {
  if (interactive && tty && !stdinIsTerminal) {
    throw new UsageError('The input device is not a TTY: use -i without -t');
  }
}

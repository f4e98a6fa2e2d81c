/**
 * Detach keys (docker's `--detach-keys`, default ctrl-p,ctrl-q): parsing the option and finding
 * the sequence in an attached client's input. Pure.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';

/** docker's default: ctrl-p, then ctrl-q. */
export const defaultDetachKeys = 'ctrl-p,ctrl-q';

/**
 * Parses `ctrl-p,ctrl-q` style keys: single characters, or `ctrl-` followed by a letter or one
 * of `@[\]^_` (docker's set).
 *
 * @throws {InvalidArgumentError} naming `detach_keys` for anything else.
 */
export function parseDetachKeys(text: string): Uint8Array {
  const spec = text === '' ? defaultDetachKeys : text;
  const out: number[] = [];
  for (const key of spec.split(',')) {
    const k = key.trim().toLowerCase();
    if (k.length === 1) {
      out.push(k.charCodeAt(0));
      continue;
    }
    const m = /^ctrl-([a-z@[\\\]^_])$/.exec(k);
    if (m?.[1] === undefined) {
      throw new InvalidArgumentError(
        `Invalid detach keys "${text}": "${key}" is not a character or ctrl-<letter>, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^ or ctrl-_`,
        { details: { field: 'detach_keys' } },
      );
    }
    // A control key is its character's low five bits (ctrl-a 1, ctrl-@ 0, ctrl-[ 27).
    out.push(m[1].charCodeAt(0) & 0x1f);
  }
  return Uint8Array.from(out);
}

/**
 * Watches input for the detach sequence. Bytes that may start the sequence are held back until
 * it is complete (detach: they are dropped) or broken (they are passed on), as docker does.
 */
export class DetachScanner {
  #matched = 0;

  constructor(private readonly keys: Uint8Array) {}

  /** The input to pass on, and whether the sequence completed (input after it is dropped). */
  feed(chunk: Uint8Array): { forward: Buffer; detached: boolean } {
    const out: number[] = [];
    for (const b of chunk) {
      if (b === this.keys[this.#matched]) {
        this.#matched += 1;
        if (this.#matched === this.keys.length) {
          this.#matched = 0;
          return { forward: Buffer.from(out), detached: true };
        }
        continue;
      }
      // Broken: the held prefix goes on, then this byte is looked at afresh.
      for (let i = 0; i < this.#matched; i++) out.push(this.keys[i] ?? 0);
      this.#matched = 0;
      if (b === this.keys[0]) {
        this.#matched = 1;
        if (this.keys.length === 1) return { forward: Buffer.from(out), detached: true };
      } else out.push(b);
    }
    return { forward: Buffer.from(out), detached: false };
  }
}

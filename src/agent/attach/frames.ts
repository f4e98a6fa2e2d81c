/**
 * The frames of a shim's attach socket (tsorch-shim.c, "Attach"): a type byte, a 4-byte
 * big-endian length, the payload. Pure.
 *
 * @module
 */
import { attachFrameMaxBytes } from '../../util/limits.js';

/** What a client sends: hello (with replay), input, end of input, terminal size. */
export type ClientFrame =
  | { type: 'hello'; replay: boolean }
  | { type: 'input'; data: Uint8Array }
  | { type: 'close-input' }
  | { type: 'resize'; rows: number; columns: number };

/** What the shim sends: the container's output. */
export interface OutputFrame {
  stream: 'stdout' | 'stderr';
  data: Buffer;
}

function frame(type: string, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + payload.length);
  out[0] = type.charCodeAt(0);
  out.writeUInt32BE(payload.length, 1);
  out.set(payload, 5);
  return out;
}

/** Encodes a client frame; input longer than one frame is split over several. */
export function encodeClientFrame(f: ClientFrame): Buffer {
  switch (f.type) {
    case 'hello':
      return frame('h', Uint8Array.of(f.replay ? 1 : 0));
    case 'close-input':
      return frame('c', new Uint8Array());
    case 'resize': {
      const b = Buffer.alloc(4);
      b.writeUInt16BE(Math.min(0xffff, Math.max(0, Math.trunc(f.rows))), 0);
      b.writeUInt16BE(Math.min(0xffff, Math.max(0, Math.trunc(f.columns))), 2);
      return frame('r', b);
    }
    case 'input': {
      const parts: Buffer[] = [];
      for (let at = 0; at < f.data.length; at += attachFrameMaxBytes)
        parts.push(frame('i', f.data.subarray(at, at + attachFrameMaxBytes)));
      return Buffer.concat(parts);
    }
  }
}

/** Splits the shim's byte stream into output frames, across chunk boundaries. */
export class OutputDecoder {
  #pending: Buffer = Buffer.alloc(0);

  /**
   * Adds bytes; returns the frames completed by them.
   *
   * @throws {Error} for a frame of an unknown type or over the size bound (a broken shim).
   */
  push(chunk: Buffer): OutputFrame[] {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const out: OutputFrame[] = [];
    let at = 0;
    while (this.#pending.length - at >= 5) {
      const type = this.#pending[at];
      const n = this.#pending.readUInt32BE(at + 1);
      if ((type !== 1 && type !== 2) || n > attachFrameMaxBytes)
        throw new Error(
          `Malformed attach frame from the shim (type ${String(type)}, ${String(n)} bytes)`,
        );
      if (this.#pending.length - at < 5 + n) break;
      out.push({
        stream: type === 1 ? 'stdout' : 'stderr',
        data: Buffer.from(this.#pending.subarray(at + 5, at + 5 + n)),
      });
      at += 5 + n;
    }
    this.#pending = this.#pending.subarray(at);
    return out;
  }
}

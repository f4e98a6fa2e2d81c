import { describe, expect, it } from 'vitest';
import { attachFrameMaxBytes } from '../../util/limits.js';
import { encodeClientFrame, OutputDecoder } from './frames.js';

describe('encodeClientFrame()', () => {
  it.each([
    [{ type: 'hello', replay: true } as const, '680000000101'],
    [{ type: 'hello', replay: false } as const, '680000000100'],
    [{ type: 'close-input' } as const, '6300000000'],
    [{ type: 'resize', rows: 33, columns: 101 } as const, '72000000040021' + '0065'],
    [{ type: 'resize', rows: -1, columns: 70000 } as const, '7200000004' + '0000' + 'ffff'],
    [{ type: 'input', data: Buffer.from('hi') } as const, '69000000026869'],
  ])('encodes %j as the shim reads it', (frame, hex) => {
    expect(encodeClientFrame(frame).toString('hex')).toBe(hex);
  });

  it('splits long input into frames the shim accepts', () => {
    const data = Buffer.alloc(attachFrameMaxBytes * 2 + 3, 0x61);
    const out = encodeClientFrame({ type: 'input', data });
    expect(out.length).toBe(data.length + 3 * 5);
    expect(out.readUInt32BE(1)).toBe(attachFrameMaxBytes);
    expect(out.readUInt32BE(5 + attachFrameMaxBytes + 1)).toBe(attachFrameMaxBytes);
  });
});

function frame(type: number, text: string): Buffer {
  const h = Buffer.alloc(5);
  h[0] = type;
  h.writeUInt32BE(Buffer.byteLength(text), 1);
  return Buffer.concat([h, Buffer.from(text)]);
}

describe('OutputDecoder', () => {
  it('decodes frames split at every byte', () => {
    const all = Buffer.concat([frame(1, 'out'), frame(2, 'err'), frame(1, '')]);
    const d = new OutputDecoder();
    const got = [];
    for (const byte of all) got.push(...d.push(Buffer.of(byte)));
    expect(got.map((f) => [f.stream, f.data.toString()])).toEqual([
      ['stdout', 'out'],
      ['stderr', 'err'],
      ['stdout', ''],
    ]);
  });

  it.each([
    ['an unknown type', Buffer.from('0700000001', 'hex')],
    ['an oversized frame', Buffer.from('01ffffffff', 'hex')],
  ])('refuses %s', (_n, bytes) => {
    expect(() => new OutputDecoder().push(bytes)).toThrow(/Malformed attach frame/);
  });
});

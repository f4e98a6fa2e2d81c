import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { tarFromEntries } from '../../test/helpers/images.js';
import { hasCode } from '../util/errors.js';
import { ContentStore } from './content-store.js';
import type { Digest } from './digest.js';
import { LayerStore, type LayerStoreOptions } from './layers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

describe('LayerStore caps', () => {
  it.each<[string, LayerStoreOptions, RegExp]>([
    ['as stored', { maxBytes: 100 }, /^Layer "sha256:[0-9a-f]{64}" is larger than 100 bytes$/],
    [
      'uncompressed',
      { maxUncompressedBytes: 8192 },
      /^Layer "sha256:[0-9a-f]{64}" is larger than 8 KiB uncompressed$/,
    ],
  ])('refuses a layer over its size cap %s, leaving nothing unpacked', async (_w, caps, msg) => {
    const root = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-layers-'));
    dirs.push(root);
    const content = new ContentStore(path.join(root, 'content'));
    await content.init();
    const tar = await tarFromEntries([{ name: 'zeros', content: Buffer.alloc(64 * 1024) }]);
    const blob = await content.writeBuffer(gzipSync(tar));
    const diffId: Digest = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
    const layers = new LayerStore(root, content, caps);
    await layers.init();
    const err: unknown = await layers
      .ensure([{ blob: blob.digest, diffId }])
      .catch((e: unknown) => e);
    expect(hasCode(err, 'IMAGE_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(msg);
    expect(await fs.readdir(path.join(root, 'layers'))).toEqual([]);
    // Within the caps the same layer unpacks.
    const ok = new LayerStore(root, content);
    expect(await ok.ensure([{ blob: blob.digest, diffId }])).toEqual([diffId]);
  });
});

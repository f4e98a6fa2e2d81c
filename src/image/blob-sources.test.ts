import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobSourcesMaxBlobCount, blobSourcesPerBlobCount } from '../util/limits.js';
import { BlobSources } from './blob-sources.js';
import type { Digest } from './digest.js';

const digest = (n: number): Digest => `sha256:${n.toString(16).padStart(64, '0')}`;

describe('BlobSources', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-blobsrc-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('names other repositories of the same registry, newest first, and keeps them across opens', async () => {
    const s = new BlobSources(dir);
    await s.record([digest(1), digest(2)], 'reg:5000', 'one/a');
    await s.record([digest(1)], 'reg:5000', 'two/b');
    await s.record([digest(1)], 'other:5000', 'three/c');
    expect(await s.candidates(digest(1), 'reg:5000', 'x/y')).toEqual(['two/b', 'one/a']);
    expect(await s.candidates(digest(1), 'reg:5000', 'two/b')).toEqual(['one/a']);
    expect(await s.candidates(digest(3), 'reg:5000', 'x/y')).toEqual([]);
    const reopened = new BlobSources(dir);
    expect(await reopened.candidates(digest(2), 'reg:5000', 'x/y')).toEqual(['one/a']);
  });

  it('keeps a bounded number of repositories per blob and of blobs', async () => {
    const s = new BlobSources(dir);
    for (let i = 0; i < blobSourcesPerBlobCount + 2; i += 1)
      await s.record([digest(1)], 'reg', `r${i}`);
    const repos = await s.candidates(digest(1), 'reg', 'none');
    expect(repos).toHaveLength(blobSourcesPerBlobCount);
    expect(repos[0]).toBe(`r${blobSourcesPerBlobCount + 1}`);
    const many = Array.from({ length: blobSourcesMaxBlobCount + 1 }, (_, i) => digest(i + 10));
    await s.record(many, 'reg', 'bulk');
    // The blob recorded longest ago is forgotten first.
    expect(await s.candidates(digest(1), 'reg', 'none')).toEqual([]);
    expect(await s.candidates(digest(10), 'reg', 'none')).toEqual([]);
    expect(await s.candidates(digest(11), 'reg', 'none')).toEqual(['bulk']);
  });

  it('starts empty from a damaged file', async () => {
    await fs.writeFile(path.join(dir, 'blob-sources.json'), '{not json');
    const s = new BlobSources(dir);
    expect(await s.candidates(digest(1), 'reg', 'x')).toEqual([]);
    await s.record([digest(1)], 'reg', 'a');
    expect(await new BlobSources(dir).candidates(digest(1), 'reg', 'x')).toEqual(['a']);
  });
});

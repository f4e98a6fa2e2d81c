import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadNodeCredentials, saveNodeCredentials, writeFileAtomic } from './key-files.js';
import { createNodeKeyRequest } from './issue.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsorch-ca-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('node credential files', () => {
  it('writes the key 0600, certificates 0644, the directory 0700, and reads them back', async () => {
    const { key } = await createNodeKeyRequest();
    const certs = join(dir, 'certificates');
    await saveNodeCredentials(certs, { key, certChainPem: 'chain\n', trustedRootsPem: 'roots\n' });
    expect(await modeOf(certs)).toBe(0o700);
    expect(await modeOf(join(certs, 'node.key'))).toBe(0o600);
    expect(await modeOf(join(certs, 'node.crt'))).toBe(0o644);
    expect(await modeOf(join(certs, 'ca.crt'))).toBe(0o644);
    expect((await readdir(certs)).sort()).toEqual(['ca.crt', 'node.crt', 'node.key']);
    const loaded = await loadNodeCredentials(certs);
    expect(loaded?.key.toPkcs8Pem()).toBe(key.toPkcs8Pem());
    expect(loaded?.certChainPem).toBe('chain\n');
  });

  it('tightens an existing wider key file by replacing it', async () => {
    const path = join(dir, 'node.key');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new', 0o600);
    expect(await modeOf(path)).toBe(0o600);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('keeps the mode exact under a permissive umask', async () => {
    const previous = process.umask(0);
    try {
      await writeFileAtomic(join(dir, 'k'), 'x', 0o600);
    } finally {
      process.umask(previous);
    }
    expect(await modeOf(join(dir, 'k'))).toBe(0o600);
  });

  it('returns undefined when the node has no credentials yet', async () => {
    expect(await loadNodeCredentials(join(dir, 'none'))).toBeUndefined();
  });
});

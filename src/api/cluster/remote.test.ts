import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MANAGER_SERVER_NAME } from '../../manager/index.js';
import { hasCode } from '../../util/errors.js';
import { REMOTE_MANAGER_NAME, remoteClientTls, remoteTlsFiles } from './remote.js';

describe('remote CLI TLS', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('checks the server name every manager certificate carries', () => {
    expect(REMOTE_MANAGER_NAME).toBe(MANAGER_SERVER_NAME);
  });

  it('takes files from the flags, then TSORCH_CERT_PATH, then the node credentials', () => {
    expect(remoteTlsFiles({ TSORCH_ROOT: '/r' })).toEqual({
      caPath: '/r/certificates/ca.crt',
      certPath: '/r/certificates/node.crt',
      keyPath: '/r/certificates/node.key',
    });
    expect(remoteTlsFiles({}).caPath).toBe('/var/lib/tsorch/certificates/ca.crt');
    expect(remoteTlsFiles({ TSORCH_CERT_PATH: '/c', TSORCH_TLS_KEY: '/k.pem' })).toEqual({
      caPath: '/c/ca.crt',
      certPath: '/c/node.crt',
      keyPath: '/k.pem',
    });
  });

  it('names the missing file and the flag that gives it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-remote-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'ca.crt'), 'x');
    let err: unknown;
    try {
      remoteClientTls({ TSORCH_CERT_PATH: dir });
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'CLI_USAGE')).toBe(true);
    expect((err as Error).message).toBe(
      `Cannot read the private key "${join(dir, 'node.key')}" for --host`,
    );
    expect((err as { hint?: string }).hint).toContain('--tlskey');
  });
});

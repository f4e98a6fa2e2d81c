import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type ConnectionOptions } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../../test/helpers/host.js';
import { extraCaOption } from './ca.js';

const dir = mkdtempSync(join(tmpdir(), 'tsorch-ca-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A TLS handshake with a server on 127.0.0.1 presenting a self-signed "localhost" cert. */
async function handshake(cert: string, key: string, options: ConnectionOptions): Promise<string> {
  const server = createServer({ cert, key }, (s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    return await new Promise((resolve) => {
      const s = connect({ ...options, host: '127.0.0.1', port, servername: 'localhost' }, () => {
        s.end();
        resolve('ok');
      });
      s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
  } finally {
    server.close();
  }
}

describe('extraCaOption', () => {
  it('is undefined without TSORCH_EXTRA_CA_CERTS (Node defaults apply)', () => {
    expect(extraCaOption({}, () => undefined)).toBeUndefined();
    expect(extraCaOption({ TSORCH_EXTRA_CA_CERTS: '' }, () => undefined)).toBeUndefined();
  });

  it('warns and falls back to the defaults for an unreadable file', () => {
    const warnings: string[] = [];
    const missing = join(dir, 'missing.pem');
    expect(extraCaOption({ TSORCH_EXTRA_CA_CERTS: missing }, (m) => warnings.push(m))).toBe(
      undefined,
    );
    expect(warnings.join('')).toContain(missing);
  });

  it('makes a server signed by the extra CA trusted, on top of the root certificates', async (ctx) => {
    requireTool(ctx, 'openssl');
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const option = extraCaOption({ TSORCH_EXTRA_CA_CERTS: certFile }, () => undefined);
    expect(option?.ca.length).toBeGreaterThan(100);
    expect(await handshake(cert, key, option ?? {})).toBe('ok');
    expect(await handshake(cert, key, {})).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

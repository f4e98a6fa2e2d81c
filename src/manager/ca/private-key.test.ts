import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PrivateKey } from './private-key.js';
import { createNodeKeyRequest } from './issue.js';
import { createLogger } from '../../util/log.js';

describe('PrivateKey', () => {
  it('never prints its material through String, JSON, inspect, console or the logger', async () => {
    const { key } = await createNodeKeyRequest();
    const pem = key.toPkcs8Pem();
    const body = pem.split('\n')[1]!;
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line) }).info('got key', { key, nested: { key } });
    const renderings = [
      String(key),
      `key: ${key as unknown as string}`,
      JSON.stringify({ key }),
      inspect(key),
      inspect({ deep: { key } }, { depth: 10, showHidden: true }),
      ...lines,
    ];
    for (const text of renderings) {
      expect(text).not.toContain(body);
      expect(text).not.toContain('BEGIN PRIVATE KEY');
    }
    expect(String(key)).toBe('[PrivateKey: redacted]');
  });

  it('fromPkcs8Pem() round-trips and refuses text that is not a key without echoing it', async () => {
    const { key } = await createNodeKeyRequest();
    const again = await PrivateKey.fromPkcs8Pem(key.toPkcs8Pem());
    expect(again.toPkcs8Pem()).toBe(key.toPkcs8Pem());
    const garbage = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----';
    await expect(PrivateKey.fromPkcs8Pem(garbage)).rejects.toSatisfy(
      (err: Error & { code?: string }) =>
        err.code === 'CA_INVALID_KEY' &&
        !inspect(err).includes('c2VjcmV0') &&
        /Cannot read private key/.test(err.message),
    );
  });
});

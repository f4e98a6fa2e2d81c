/**
 * Extra certificate authorities for registry connections. `bin/tsorch` hands the user's
 * NODE_EXTRA_CA_CERTS on as TSORCH_EXTRA_CA_CERTS (Node would otherwise load it at every
 * start of every command, docs/adr/011), so TLS clients add it here: Node's root certificates
 * plus the file's, as Node itself would have trusted.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/**
 * The `ca` option for TLS connections: undefined (Node's defaults) unless
 * `env.TSORCH_EXTRA_CA_CERTS` names a file. An unreadable file is ignored with a warning, as
 * Node does with NODE_EXTRA_CA_CERTS.
 */
export function extraCaOption(
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): { ca: string[] } | undefined {
  const file = env['TSORCH_EXTRA_CA_CERTS'];
  if (file === undefined || file === '') return undefined;
  try {
    return { ca: [...rootCertificates, readFileSync(file, 'utf8')] };
  } catch (err) {
    warn(
      `Ignoring extra certificates from ${file} (TSORCH_EXTRA_CA_CERTS): ${(err as Error).message}`,
    );
    return undefined;
  }
}

/**
 * Mutual TLS for a remote CLI (`tsorch --host tcp://MANAGER:2377`): the certificate, key and CA
 * come from `--tlscert`/`--tlskey`/`--tlscacert` (or TSORCH_TLS_CERT, TSORCH_TLS_KEY,
 * TSORCH_TLS_CACERT), else from the directory TSORCH_CERT_PATH, else from the node's own
 * credentials, `<TSORCH_ROOT or /var/lib/tsorch>/certificates` (on a manager host). Kept free of
 * the CA module so the CLI loads fast.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { TsorchError } from '../../util/errors.js';
import type { ClientTls } from '../tls.js';

/** The name every manager certificate carries (MANAGER_SERVER_NAME of the CA; a test checks). */
export const REMOTE_MANAGER_NAME = 'swarm-manager';

/** Where the remote CLI's TLS files are. */
export interface RemoteTlsFiles {
  caPath: string;
  certPath: string;
  keyPath: string;
}

/** The TLS files the environment points at (see the module comment). */
export function remoteTlsFiles(env: Readonly<Record<string, string | undefined>>): RemoteTlsFiles {
  const dir =
    env['TSORCH_CERT_PATH'] ?? join(env['TSORCH_ROOT'] ?? '/var/lib/tsorch', 'certificates');
  return {
    caPath: env['TSORCH_TLS_CACERT'] ?? join(dir, 'ca.crt'),
    certPath: env['TSORCH_TLS_CERT'] ?? join(dir, 'node.crt'),
    keyPath: env['TSORCH_TLS_KEY'] ?? join(dir, 'node.key'),
  };
}

function read(path: string, what: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TsorchError('CLI_USAGE', `Cannot read the ${what} "${path}" for --host`, {
      cause: err,
      hint: `give it with ${flag}, or run the command on a manager (its own certificate is used)`,
    });
  }
}

/**
 * Client credentials for a remote manager from the files in `env`.
 *
 * @throws {TsorchError} CLI_USAGE naming the file and flag when one cannot be read.
 */
export function remoteClientTls(env: Readonly<Record<string, string | undefined>>): ClientTls {
  const files = remoteTlsFiles(env);
  return {
    credentials: grpc.credentials.createSsl(
      read(files.caPath, 'CA certificate', '--tlscacert'),
      read(files.keyPath, 'private key', '--tlskey'),
      read(files.certPath, 'certificate', '--tlscert'),
    ),
    options: {
      'grpc.ssl_target_name_override': REMOTE_MANAGER_NAME,
      'grpc.default_authority': REMOTE_MANAGER_NAME,
    },
  };
}

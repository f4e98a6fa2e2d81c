/**
 * Registry credentials saved by `tsorch login` in `${TSORCH_CONFIG:-~/.tsorch}/config.json`
 * (mode 0600), in Docker's `auths` shape: `{ "auths": { "<registry>": { "auth": base64(user:pass) } } }`.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { TsorchError } from '../../util/errors.js';

/** A user name and password for one registry. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

interface ConfigFile {
  auths?: Record<string, { auth?: string }>;
  [key: string]: unknown;
}

/** The config file path for an environment. */
export function configFile(env: Readonly<Record<string, string | undefined>>): string {
  const dir = env['TSORCH_CONFIG'] ?? path.join(env['HOME'] ?? homedir(), '.tsorch');
  return path.join(dir, 'config.json');
}

async function readConfig(file: string): Promise<ConfigFile> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as ConfigFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new TsorchError(
      'IMAGE_AUTH',
      `Cannot read credentials file "${file}": ${(err as Error).message}`,
      { cause: err },
    );
  }
}

async function writeConfig(file: string, config: ConfigFile): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}

/** The saved credentials for `registry`, if any. */
export async function loadCredentials(
  file: string,
  registry: string,
): Promise<RegistryCredentials | undefined> {
  const auth = (await readConfig(file)).auths?.[registry]?.auth;
  if (auth === undefined) return undefined;
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0)
    throw new TsorchError('IMAGE_AUTH', `Invalid credentials for "${registry}" in "${file}"`);
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Saves credentials for `registry`. */
export async function saveCredentials(
  file: string,
  registry: string,
  creds: RegistryCredentials,
): Promise<void> {
  const config = await readConfig(file);
  config.auths = {
    ...config.auths,
    [registry]: { auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64') },
  };
  await writeConfig(file, config);
}

/** Removes credentials for `registry`; returns false when there were none. */
export async function removeCredentials(file: string, registry: string): Promise<boolean> {
  const config = await readConfig(file);
  if (config.auths?.[registry] === undefined) return false;
  const { [registry]: _removed, ...rest } = config.auths;
  config.auths = rest;
  await writeConfig(file, config);
  return true;
}

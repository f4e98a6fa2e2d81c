/**
 * Pure pieces of turning a user's container request into what runs: restart policies, command
 * resolution against the image config, environment merging, and the contents of /etc/hosts and
 * /etc/resolv.conf. No I/O.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';

/** A restart policy of a standalone container. */
export interface RestartPolicy {
  name: 'no' | 'on-failure' | 'always' | 'unless-stopped';
  /** on-failure only: the most restarts; 0 for no bound. */
  maxRetries: number;
}

/**
 * Parses `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`.
 *
 * @throws {InvalidArgumentError} naming the policy.
 */
export function parseRestartPolicy(text: string): RestartPolicy {
  const [name = '', count] = text.split(':');
  if ((name === 'no' || name === 'always' || name === 'unless-stopped') && count === undefined) {
    return { name, maxRetries: 0 };
  }
  if (name === 'on-failure') {
    const n = count === undefined ? 0 : Number(count);
    if (Number.isInteger(n) && n >= 0) return { name, maxRetries: n };
  }
  throw new InvalidArgumentError(
    `Invalid restart policy "${text}": use no, always, unless-stopped, on-failure or on-failure:N`,
    { details: { field: 'restart' } },
  );
}

/** The container's state the restart decision looks at. */
export interface RestartInput {
  exitCode: number;
  /** Stopped by the user (stop, kill, or a daemon shutdown did not count). */
  stoppedByUser: boolean;
  /** Restarts so far. */
  restartCount: number;
}

/** Whether a container that just exited restarts under `policy` (docker's rules). */
export function shouldRestart(policy: RestartPolicy, s: RestartInput): boolean {
  if (s.stoppedByUser) return false;
  switch (policy.name) {
    case 'no':
      return false;
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return s.exitCode !== 0 && (policy.maxRetries === 0 || s.restartCount < policy.maxRetries);
  }
}

/** Delay before restart number `restartCount + 1`: 100 ms doubling, capped (docker). */
export function restartDelayMs(restartCount: number, capMs: number): number {
  return Math.min(capMs, 100 * 2 ** Math.min(restartCount, 20));
}

/** Image config fields the command resolution reads (OCI image config `config`). */
export interface ImageProcessConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  WorkingDir?: string;
  User?: string;
}

/**
 * The init process's argv, docker's way: an `--entrypoint` replaces the image's entrypoint and
 * drops the image's Cmd; a command replaces the image's Cmd.
 *
 * @throws {InvalidArgumentError} when neither the image nor the request gives a command.
 */
export function resolveArgs(
  image: ImageProcessConfig,
  req: { entrypoint?: string[] | undefined; cmd?: string[] | undefined },
): string[] {
  const entrypoint = req.entrypoint ?? image.Entrypoint ?? [];
  const cmd =
    req.cmd !== undefined && req.cmd.length > 0
      ? req.cmd
      : req.entrypoint !== undefined
        ? []
        : (image.Cmd ?? []);
  const args = [...entrypoint, ...cmd];
  if (args.length === 0) {
    throw new InvalidArgumentError('No command specified: the image has no Cmd or Entrypoint', {
      details: { field: 'cmd' },
      hint: 'give a command after the image name',
    });
  }
  return args;
}

/** Merges `KEY=VALUE` lists: later keys win, order of first appearance kept. */
export function mergeEnv(...lists: readonly (readonly string[])[]): string[] {
  const map = new Map<string, string>();
  for (const list of lists) {
    for (const entry of list) {
      const eq = entry.indexOf('=');
      const key = eq < 0 ? entry : entry.slice(0, eq);
      if (key === '') {
        throw new InvalidArgumentError(`Invalid environment variable "${entry}": empty name`, {
          details: { field: 'env' },
        });
      }
      map.set(key, eq < 0 ? `${key}=` : entry);
    }
  }
  return [...map.values()];
}

/**
 * The container's /etc/hosts: loopback entries and its own hostname, on 127.0.1.1 or, for a
 * container on networks, on each of its `addresses` (`a.b.c.d/len` or dotted quads).
 */
export function hostsFileContent(hostname: string, addresses: readonly string[] = []): string {
  const own =
    addresses.length === 0
      ? [`127.0.1.1\t${hostname}`]
      : addresses.map((a) => `${a.split('/')[0] ?? a}\t${hostname}`);
  return [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    ...own,
    '',
  ].join('\n');
}

const defaultNameservers = ['8.8.8.8', '8.8.4.4'];

/**
 * The container's /etc/resolv.conf from the host's: loopback nameservers are unreachable from
 * the container's network namespace and are dropped; with none left, docker's public defaults
 * are used. With `hostNetwork`, the host's file is kept as is.
 */
export function resolvConfContent(hostContent: string, hostNetwork: boolean): string {
  if (hostNetwork) return hostContent;
  const lines = hostContent.split('\n');
  const kept = lines.filter((line) => {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m?.[1] === undefined) return true;
    return !(m[1].startsWith('127.') || m[1] === '::1');
  });
  const hasNameserver = kept.some((l) => /^\s*nameserver\s/.test(l));
  const body = kept.join('\n').replace(/\n*$/, '\n');
  if (hasNameserver) return body;
  return body + defaultNameservers.map((ns) => `nameserver ${ns}\n`).join('');
}

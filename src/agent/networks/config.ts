/**
 * Checks of `network create` requests (pure): name, subnet, gateway, range and driver options.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';

/** A `network create` request. */
export interface CreateNetworkRequest {
  name: string;
  /** Only `bridge` on a single node (default). */
  driver?: string | undefined;
  subnet?: string | undefined;
  gateway?: string | undefined;
  ipRange?: string | undefined;
  internal?: boolean | undefined;
  labels?: Readonly<Record<string, string>> | undefined;
  options?: Readonly<Record<string, string>> | undefined;
}

/** Driver option giving the MTU of the bridge and the veth pairs (docker's name). */
export const mtuOption = 'com.docker.network.driver.mtu';

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

function invalid(field: string, message: string, hint?: string): InvalidArgumentError {
  return new InvalidArgumentError(message, {
    details: { field },
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * Checks a network name.
 *
 * @throws {InvalidArgumentError} naming the field.
 */
export function checkNetworkName(name: string): void {
  if (!namePattern.test(name)) {
    throw invalid(
      'name',
      `Invalid network name "${name}": use 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  }
}

/**
 * Checks the driver and its options; returns the MTU when one is given.
 *
 * @throws {InvalidArgumentError} naming `--driver` or `--opt`.
 */
export function checkDriverOptions(req: CreateNetworkRequest): { mtu?: number } {
  const driver = req.driver ?? 'bridge';
  if (driver !== 'bridge') {
    throw invalid(
      'driver',
      `Invalid network driver "${driver}": only "bridge" networks can be created on a node`,
      'overlay networks are created on a swarm manager',
    );
  }
  let mtu: number | undefined;
  for (const [key, value] of Object.entries(req.options ?? {})) {
    if (key !== mtuOption) {
      throw invalid('options', `Unsupported network option "${key}": use ${mtuOption}`);
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 68 || n > 65_535) {
      throw invalid('options', `Invalid ${mtuOption} "${value}": expected an integer in 68..65535`);
    }
    mtu = n;
  }
  if (req.gateway !== undefined && req.subnet === undefined) {
    throw invalid('gateway', 'Invalid --gateway: it needs --subnet');
  }
  if (req.ipRange !== undefined && req.subnet === undefined) {
    throw invalid('ip_range', 'Invalid --ip-range: it needs --subnet');
  }
  return mtu === undefined ? {} : { mtu };
}

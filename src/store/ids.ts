/**
 * Object ids: 25 lowercase base-36 characters from 128 random bits (swarmkit's format), so ids
 * sort without meaning and short prefixes are nearly always unique.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';

/** Characters in an id. */
export const OBJECT_ID_LENGTH = 25;

/** Returns a new random object id. */
export function newObjectId(): string {
  const n = BigInt(`0x${randomBytes(16).toString('hex')}`);
  return n.toString(36).padStart(OBJECT_ID_LENGTH, '0');
}

/**
 * Encoding of {@link ConfChange} into the data of a 'conf-change' entry, and applying one to a
 * membership. Format (version 1): [1][type: 1 add-voter, 2 add-learner, 3 remove]
 * [nodeId: 8 bytes big-endian][context...].
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';
import type { ConfChange, ConfState } from './types.js';

const typeCodes = { 'add-voter': 1, 'add-learner': 2, remove: 3 } as const;
const typeNames = ['add-voter', 'add-learner', 'remove'] as const;

/** Encodes a conf change as entry data. */
export function encodeConfChange(cc: ConfChange): Uint8Array {
  const ctx = cc.context ?? new Uint8Array();
  const out = new Uint8Array(10 + ctx.length);
  const view = new DataView(out.buffer);
  out[0] = 1;
  out[1] = typeCodes[cc.type];
  view.setUint32(2, Math.floor(cc.nodeId / 2 ** 32));
  view.setUint32(6, cc.nodeId % 2 ** 32);
  out.set(ctx, 10);
  return out;
}

/**
 * Decodes entry data written by {@link encodeConfChange}.
 *
 * @throws {InvalidArgumentError} when the data is not a version-1 conf change.
 */
export function decodeConfChange(data: Uint8Array): ConfChange {
  const type = data.length >= 10 && data[0] === 1 ? typeNames[(data[1] ?? 0) - 1] : undefined;
  if (type === undefined) {
    throw new InvalidArgumentError('Cannot decode conf change: unknown format');
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const nodeId = view.getUint32(2) * 2 ** 32 + view.getUint32(6);
  const cc: ConfChange = { type, nodeId };
  if (data.length > 10) cc.context = data.slice(10);
  return cc;
}

/** Why a conf change cannot apply to `conf`, or undefined when it can. */
export function checkConfChange(conf: ConfState, cc: ConfChange): string | undefined {
  if (!Number.isSafeInteger(cc.nodeId) || cc.nodeId <= 0) {
    return `node id "${cc.nodeId}" is not a positive integer`;
  }
  const isVoter = conf.voters.includes(cc.nodeId);
  const isLearner = conf.learners.includes(cc.nodeId);
  switch (cc.type) {
    case 'add-voter':
      return isVoter ? `node "${cc.nodeId}" is already a voter` : undefined;
    case 'add-learner':
      if (isVoter) return `node "${cc.nodeId}" is a voter`;
      return isLearner ? `node "${cc.nodeId}" is already a learner` : undefined;
    case 'remove':
      if (!isVoter && !isLearner) return `node "${cc.nodeId}" is not a member`;
      return isVoter && conf.voters.length === 1 ? 'cannot remove the last voter' : undefined;
  }
}

/** Applies a conf change to a membership (idempotent: re-applying changes nothing). */
export function applyToConf(conf: ConfState, cc: ConfChange): ConfState {
  const voters = conf.voters.filter((v) => v !== cc.nodeId);
  const learners = conf.learners.filter((v) => v !== cc.nodeId);
  switch (cc.type) {
    case 'add-voter':
      voters.push(cc.nodeId);
      break;
    case 'add-learner':
      if (conf.voters.includes(cc.nodeId)) return conf;
      learners.push(cc.nodeId);
      break;
    case 'remove':
      break;
  }
  return { voters: voters.sort((a, b) => a - b), learners: learners.sort((a, b) => a - b) };
}

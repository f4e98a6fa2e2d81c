import { describe, expect, it } from 'vitest';
import {
  faultChain,
  faultRestoreScript,
  faultRules,
  faultSetupScript,
  partitionCuts,
  type Cut,
} from '../helpers/netns-faults.js';
import { createNetnsCluster, netnsClusterMaxNodes } from '../helpers/netns-cluster.js';

const a = '10.213.7.11';
const b = '10.213.7.12';
const c = '10.213.7.13';

describe('netns cluster options', () => {
  it.each([0, 10, 1.5])('createNetnsCluster() refuses %s nodes', async (nodes) => {
    await expect(createNetnsCluster({ nodes })).rejects.toThrow(
      `Invalid node count ${nodes}: expected 1 to ${netnsClusterMaxNodes}`,
    );
  });
});

describe('netns cluster fault rules', () => {
  it.each<[string, string, Cut[], string[]]>([
    ['no cut: an empty chain', a, [], []],
    [
      'an "all" cut drops on the way out at its source',
      a,
      [{ from: a, to: b, mode: 'all' }],
      [`-A ${faultChain} -d ${b}/32 -j DROP`],
    ],
    [
      'an "all" cut drops on the way in at its destination',
      b,
      [{ from: a, to: b, mode: 'all' }],
      [`-A ${faultChain} -s ${a}/32 -j DROP`],
    ],
    [
      'an "originated" cut drops only what the source opens, and only at the source',
      a,
      [{ from: a, to: b, mode: 'originated' }],
      [`-A ${faultChain} -d ${b}/32 -m conntrack --ctdir ORIGINAL -j DROP`],
    ],
    [
      'an "originated" cut leaves its destination alone',
      b,
      [{ from: a, to: b, mode: 'originated' }],
      [],
    ],
    ['a cut between two others leaves a third alone', c, partitionCuts([a], [b]), []],
    [
      'a partition drops both ways at both ends',
      a,
      partitionCuts([a], [b, c]),
      [
        `-A ${faultChain} -d ${b}/32 -j DROP`,
        `-A ${faultChain} -s ${b}/32 -j DROP`,
        `-A ${faultChain} -d ${c}/32 -j DROP`,
        `-A ${faultChain} -s ${c}/32 -j DROP`,
      ],
    ],
    [
      'the same cut twice is one rule',
      a,
      [
        { from: a, to: b, mode: 'all' },
        { from: a, to: b, mode: 'all' },
      ],
      [`-A ${faultChain} -d ${b}/32 -j DROP`],
    ],
  ])('faultRules(): %s', (_name, self, cuts, want) => {
    expect(faultRules(self, cuts)).toEqual(want);
  });

  it.each<[string, Cut, RegExp]>([
    ['a cut to itself', { from: a, to: a, mode: 'all' }, /to itself/],
    ['an address with a space', { from: a, to: '10.0.0.1 -j ACCEPT', mode: 'all' }, /Invalid IPv4/],
    ['an octet past 255', { from: '10.0.0.256', to: b, mode: 'all' }, /Invalid IPv4/],
  ])('faultRules() refuses %s', (_name, cut, message) => {
    expect(() => faultRules(a, [cut])).toThrow(message);
  });

  it('faultRestoreScript() declares the chain (which flushes it) and commits', () => {
    expect(faultRestoreScript([`-A ${faultChain} -d ${b}/32 -j DROP`])).toBe(
      `*filter\n:${faultChain} - [0:0]\n-A ${faultChain} -d ${b}/32 -j DROP\nCOMMIT\n`,
    );
  });

  it('faultSetupScript() jumps to the chain first from INPUT and OUTPUT', () => {
    expect(faultSetupScript()).toContain(
      `-I INPUT 1 -j ${faultChain}\n-I OUTPUT 1 -j ${faultChain}`,
    );
  });
});

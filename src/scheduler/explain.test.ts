import { describe, expect, it } from 'vitest';
import { formatExplanation } from './explain.js';
import type { Explanation } from './types.js';

const explanation: Explanation = {
  message: 'no suitable node (insufficient memory on 2 nodes; 1 node not available)',
  counts: [
    { filter: 'memory', nodes: 2 },
    { filter: 'ready', nodes: 1 },
  ],
  nodes: [
    { nodeId: 'n1', hostname: 'web-1', filter: 'memory', reason: 'needs 2 GiB memory, 1 GiB free' },
    { nodeId: 'n2', hostname: 'web-2', filter: 'ready', reason: 'node is down' },
    { nodeId: 'n3', hostname: 'web-3', filter: 'memory', reason: 'needs 2 GiB memory, 0 B free' },
  ],
};

describe('formatExplanation()', () => {
  it('prints the message, then the filter and reason of each node', () => {
    expect(formatExplanation(explanation)).toEqual([
      'no suitable node (insufficient memory on 2 nodes; 1 node not available)',
      '  web-1 (n1): memory: needs 2 GiB memory, 1 GiB free',
      '  web-2 (n2): ready: node is down',
      '  web-3 (n3): memory: needs 2 GiB memory, 0 B free',
    ]);
  });

  it.each([
    [1, '  … and 2 more nodes'],
    [2, '  … and 1 more node'],
  ])('lists at most %i nodes and counts the rest', (maxNodes, last) => {
    const lines = formatExplanation(explanation, { maxNodes });
    expect(lines).toHaveLength(maxNodes + 2);
    expect(lines.at(-1)).toBe(last);
  });

  it('prints a bad spec as its message alone', () => {
    expect(
      formatExplanation({
        message: 'Cannot parse constraint "x": missing operator',
        counts: [],
        nodes: [],
      }),
    ).toEqual(['Cannot parse constraint "x": missing operator']);
  });
});

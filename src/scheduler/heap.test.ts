import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap } from './heap.js';

describe('Heap', () => {
  it('pops any pushed and initial numbers in ascending order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.array(fc.integer()), (initial, pushed) => {
        const heap = new Heap([...initial], (a, b) => a < b);
        for (const x of pushed) heap.push(x);
        const out: number[] = [];
        for (let x = heap.pop(); x !== undefined; x = heap.pop()) out.push(x);
        expect(out).toEqual([...initial, ...pushed].sort((a, b) => a - b));
        expect(heap.size).toBe(0);
      }),
    );
  });
});

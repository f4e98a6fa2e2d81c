import { describe, expect, it } from 'vitest';
import { splitTag } from './actions.js';

describe('splitTag()', () => {
  it('splits tags, keeping registry ports in the repository', () => {
    expect(splitTag('busybox:test')).toEqual(['busybox', 'test']);
    expect(splitTag('127.0.0.1:5000/app:v1')).toEqual(['127.0.0.1:5000/app', 'v1']);
    expect(splitTag('127.0.0.1:5000/app')).toEqual(['127.0.0.1:5000/app', '<none>']);
  });
});

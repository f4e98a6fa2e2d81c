import { describe, expect, it } from 'vitest';
import { mountsUnder } from './recover.js';

const line = (target: string): string =>
  `36 35 0:31 / ${target} rw,relatime - overlay overlay rw,lowerdir=0`;

describe('mountsUnder', () => {
  it('lists the mounts at or below a directory, deepest first, decoding escapes', () => {
    const info = [
      line('/'),
      line('/var/lib/tsorch/image/build-cache/tmp/run-a/bundle/rootfs'),
      line('/var/lib/tsorch/image/build-cache/tmp/copy\\040b/view'),
      line('/var/lib/tsorch/image/build-cache/tmp'),
      line('/var/lib/tsorch/image/build-cache/tmp-other/x'),
      line('/var/lib/tsorch/image/build-cache/tmp/run-a/bundle/rootfs/proc'),
      '',
    ].join('\n');
    expect(mountsUnder(info, '/var/lib/tsorch/image/build-cache/tmp')).toEqual([
      '/var/lib/tsorch/image/build-cache/tmp/run-a/bundle/rootfs/proc',
      '/var/lib/tsorch/image/build-cache/tmp/run-a/bundle/rootfs',
      '/var/lib/tsorch/image/build-cache/tmp/copy b/view',
      '/var/lib/tsorch/image/build-cache/tmp',
    ]);
  });
});

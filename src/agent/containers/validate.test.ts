import { describe, expect, it } from 'vitest';
import { checkContainerSpec, isKnownSignal, noSpaceError } from './validate.js';
import { localContainerSpec } from './testing.js';
import type { LocalContainerSpec } from './types.js';

function spec(over: Partial<LocalContainerSpec> = {}): LocalContainerSpec {
  return localContainerSpec({ cmd: ['true'], ...over });
}

describe('isKnownSignal()', () => {
  it.each(['SIGTERM', 'term', 'QUIT', '9', '64', 'SIGRTMIN+3', 'RTMAX-1'])('knows %s', (s) => {
    expect(isKnownSignal(s)).toBe(true);
  });
  it.each(['SIGBOGUS', '0', '65', '', 'SIGRTMIN+99', 'TERM '])('refuses "%s"', (s) => {
    expect(isKnownSignal(s)).toBe(false);
  });
});

describe('checkContainerSpec()', () => {
  it('accepts an ordinary request', () => {
    expect(() => {
      checkContainerSpec(spec({ name: 'web', env: ['A=b'], stopSignal: 'SIGQUIT' }));
    }).not.toThrow();
  });

  it.each<[string, Partial<LocalContainerSpec>, string]>([
    ['name', { name: 'n'.repeat(129) }, 'name'],
    ['env', { env: ['A=' + 'x'.repeat(1024 * 1024)] }, 'env'],
    ['env', { env: ['A=\0'] }, 'env[0]'],
    ['cmd', { cmd: ['echo', 'a\0b'] }, 'cmd[1]'],
    ['labels', { labels: { k: 'v'.repeat(256 * 1024) } }, 'labels'],
    ['workingDir', { workingDir: 'relative' }, 'workingDir'],
    ['stopSignal', { stopSignal: 'SIGNOPE' }, 'stopSignal'],
    ['mount target', { mounts: [{ type: 'tmpfs', target: '/a/../b' }] }, 'mounts[0].target'],
  ])('refuses a bad %s, naming the field', (_what, over, field) => {
    expect(() => {
      checkContainerSpec(spec(over));
    }).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field } }));
  });
});

describe('noSpaceError()', () => {
  it('turns ENOSPC into CONTAINER_NO_SPACE and leaves other errors alone', () => {
    const enospc = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: '/x' });
    expect(noSpaceError(enospc, 'Cannot start container "web"')).toMatchObject({
      code: 'CONTAINER_NO_SPACE',
      message: 'Cannot start container "web": no space left on device (writing "/x")',
    });
    const other = new Error('EIO');
    expect(noSpaceError(other, 'Cannot start container "web"')).toBe(other);
  });
});

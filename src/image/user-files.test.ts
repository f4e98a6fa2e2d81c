import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isWhiteout,
  overlayFile,
  readUpperEntry,
  readUserFiles,
  type UpperEntry,
} from './user-files.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-userfiles-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

describe('overlayFile()', () => {
  it.each<{
    upper: UpperEntry;
    image: string | undefined;
    want: { text: string | undefined } | undefined;
  }>([
    { upper: { kind: 'absent' }, image: 'image', want: { text: 'image' } },
    { upper: { kind: 'absent' }, image: undefined, want: { text: undefined } },
    { upper: { kind: 'file', text: 'mine' }, image: 'image', want: { text: 'mine' } },
    { upper: { kind: 'file', text: 'mine' }, image: undefined, want: { text: 'mine' } },
    { upper: { kind: 'whiteout' }, image: 'image', want: { text: undefined } },
    { upper: { kind: 'other' }, image: 'image', want: undefined },
  ])(
    'overlayFile() shows $want for upper $upper.kind over image $image',
    ({ upper, image, want }) => {
      expect(overlayFile(upper, image)).toEqual(want);
    },
  );
});

describe('isWhiteout()', () => {
  const stat = (charDev: boolean, rdev: number) => ({ isCharacterDevice: () => charDev, rdev });
  it.each([
    { charDev: true, rdev: 0, want: true },
    { charDev: true, rdev: 0x0103, want: false },
    { charDev: false, rdev: 0, want: false },
  ])('isWhiteout() is $want for a character device $charDev with rdev $rdev', (c) => {
    expect(isWhiteout(stat(c.charDev, c.rdev))).toBe(c.want);
  });
});

describe('readUpperEntry()', () => {
  it('readUpperEntry() tells absent, a regular file and a symbolic link apart', async () => {
    const upper = await tempDir();
    expect(await readUpperEntry(upper, 'etc/passwd')).toEqual({ kind: 'absent' });
    await fs.mkdir(path.join(upper, 'etc'));
    expect(await readUpperEntry(upper, 'etc/passwd')).toEqual({ kind: 'absent' });
    await fs.writeFile(path.join(upper, 'etc/passwd'), 'u:x:5:5::/:/bin/sh\n');
    expect(await readUpperEntry(upper, 'etc/passwd')).toEqual({
      kind: 'file',
      text: 'u:x:5:5::/:/bin/sh\n',
    });
    await fs.symlink('/etc/passwd', path.join(upper, 'etc/group'));
    expect(await readUpperEntry(upper, 'etc/group')).toEqual({ kind: 'other' });
  });

  it('readUpperEntry() takes a parent that is no directory as something only a mount resolves', async () => {
    const upper = await tempDir();
    await fs.symlink('/', path.join(upper, 'etc'));
    expect(await readUpperEntry(upper, 'etc/passwd')).toEqual({ kind: 'other' });
  });
});

describe('readUserFiles()', () => {
  it('readUserFiles() reads regular files and leaves what is missing or not a file absent', async () => {
    const root = await tempDir();
    await fs.mkdir(path.join(root, 'etc/group'), { recursive: true });
    await fs.writeFile(path.join(root, 'etc/passwd'), 'root:x:0:0::/:/bin/sh\n');
    expect(await readUserFiles(root)).toEqual({
      passwd: 'root:x:0:0::/:/bin/sh\n',
      group: undefined,
    });
    expect(await readUserFiles(path.join(root, 'missing'))).toEqual({
      passwd: undefined,
      group: undefined,
    });
  });
});

import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import { Snapshots } from './snapshots.js';

describe('Snapshots', () => {
  let root: string;
  let snaps: Snapshots;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-snapshots-'));
    // One unpacked layer, as the layer store links it: l/<link> -> its diff directory.
    await fs.mkdir(path.join(root, 'layers/aa/diff/etc'), { recursive: true });
    await fs.writeFile(path.join(root, 'layers/aa/diff/etc/passwd'), 'img:x:7:7::/:/bin/sh\n');
    await fs.writeFile(path.join(root, 'layers/aa/diff/etc/group'), 'img:x:7:\n');
    await fs.mkdir(path.join(root, 'l'));
    await fs.symlink('../layers/aa/diff', path.join(root, 'l/AAAA'));
    snaps = new Snapshots(root);
    await snaps.init();
    await snaps.prepare('c1', 'sha256:img', ['l/AAAA'], ['sha256:aa']);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const meta = async (key: string): Promise<{ target?: string }> =>
    JSON.parse(await fs.readFile(path.join(root, 'snapshots', key, 'meta.json'), 'utf8')) as {
      target?: string;
    };

  it('mountPlan() says how to mount, with paths relative to the image root, and records the target', async () => {
    const plan = await snaps.mountPlan('c1');
    const target = path.join(root, 'snapshots/c1/merged');
    expect(plan).toEqual({
      fstype: 'overlay',
      source: 'overlay',
      target,
      options: 'lowerdir=l/AAAA,upperdir=snapshots/c1/upper,workdir=snapshots/c1/work',
      cwd: root,
      mounted: false,
    });
    expect((await fs.stat(target)).isDirectory()).toBe(true);
    expect((await meta('c1')).target).toBe(target);
    // Nothing was mounted, so unmounting only clears the record.
    await snaps.unmount('c1');
    expect((await meta('c1')).target).toBeUndefined();
  });

  it('mountPlan() takes another target and fails for an unknown key', async () => {
    const other = path.join(root, 'elsewhere');
    expect((await snaps.mountPlan('c1', other)).target).toBe(other);
    expect((await meta('c1')).target).toBe(other);
    let err: unknown;
    try {
      await snaps.mountPlan('nope');
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'IMAGE_NOT_FOUND')).toBe(true);
  });

  it("userFiles() reads the image's files, and the container's own files over them", async () => {
    expect(await snaps.userFiles('c1')).toEqual({
      passwd: 'img:x:7:7::/:/bin/sh\n',
      group: 'img:x:7:\n',
    });
    const upperEtc = path.join(root, 'snapshots/c1/upper/etc');
    await fs.mkdir(upperEtc);
    await fs.writeFile(path.join(upperEtc, 'passwd'), 'mine:x:8:8::/:/bin/sh\n');
    expect(await snaps.userFiles('c1')).toEqual({
      passwd: 'mine:x:8:8::/:/bin/sh\n',
      group: 'img:x:7:\n',
    });
    // A symbolic link only a mount can resolve.
    await fs.symlink('passwd', path.join(upperEtc, 'group'));
    expect(await snaps.userFiles('c1')).toBeUndefined();
  });

  it('userFiles() of a snapshot without layers finds no files', async () => {
    await fs.mkdir(path.join(root, 'l/empty'));
    await snaps.prepare('bare', 'sha256:bare', [], []);
    expect(await snaps.userFiles('bare')).toEqual({ passwd: undefined, group: undefined });
  });
});

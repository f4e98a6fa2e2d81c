import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImagePort } from '../../src/agent/containers/image-port.js';
import type { MountSpec } from '../../src/agent/containers/types.js';
import { ConflictError } from '../../src/util/errors.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { openHarness, spec, type Harness } from './containers-harness.js';

/** The image store, but preparing a root filesystem fails (as on a full disk). */
function failingRootfs(real: ImagePort): ImagePort {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'prepareRootfs')
        return () => Promise.reject(new Error('no space left on device'));
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** Container directories under the harness's root. */
function containerDirs(h: Harness): string[] {
  const dir = join(h.root, 'containers');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** A fresh `-v /data` mount (a create names the volume in its own copy of the spec). */
function anonymousVolume(): MountSpec {
  return { type: 'volume', name: undefined, target: '/data', readonly: false };
}

describe('container create', () => {
  const cleanup = useCleanup();

  it('of one name, twice at once: exactly one wins, the other gets a conflict', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => h.manager.create(spec({ name: 'web', cmd: ['true'] }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(failures).toHaveLength(2);
    for (const err of failures) {
      expect(err).toBeInstanceOf(ConflictError);
      expect(err).toMatchObject({ code: 'ALREADY_EXISTS' });
    }
    expect(h.manager.list().filter((r) => r.name === 'web')).toHaveLength(1);
    expect(containerDirs(h)).toHaveLength(1);
  });

  it('that fails after making its anonymous volumes leaves no volume, directory or name', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup, 'runc', { wrapImages: failingRootfs });
    const create = (): Promise<unknown> =>
      h.manager.create(spec({ name: 'db', cmd: ['true'], mounts: [anonymousVolume()] }));
    await expect(create()).rejects.toThrow('no space left on device');
    expect(await h.volumes.list()).toEqual([]);
    expect(containerDirs(h)).toEqual([]);
    expect(h.manager.list()).toEqual([]);
    // The name is free again: the same failure, not a name conflict.
    await expect(create()).rejects.toThrow('no space left on device');
    expect(await h.volumes.list()).toEqual([]);
  });

  it('with a bad environment variable makes no volume', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    await expect(
      h.manager.create(spec({ cmd: ['true'], env: ['=x'], mounts: [anonymousVolume()] })),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await h.volumes.list()).toEqual([]);
    expect(containerDirs(h)).toEqual([]);
  });
});

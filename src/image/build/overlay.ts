/**
 * Overlay mounts for build steps: a writable view (layers + upper) for RUN and read-only views
 * for `COPY --from`. Lower directories are passed as short symlinks (`0`, `1`, ...) in a
 * per-mount link directory and the mount runs with that directory as its working directory, so
 * the mount options stay far below the one-page limit even for long layer chains (the same
 * trick as Docker's overlay2 `l/` links).
 *
 * Options: `redirect_dir=off` and `metacopy=off` keep every change of a RUN step fully inside
 * the upper directory (a renamed directory is copied up instead of recorded as a redirect), so
 * the upper directory alone describes the layer; `index=off` because upper dirs are reused.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { imageBuildMaxLayerCount } from '../../util/limits.js';
import { BuildError } from './errors.js';

const execFileAsync = promisify(execFile);

/** Options of {@link mountOverlay}. */
export interface OverlayOptions {
  /** Unpacked layer directories, BOTTOM first (the base image's first layer first). */
  lowerDirs: readonly string[];
  /** Where to mount. */
  target: string;
  /** Scratch directory for the link farm (created). */
  linkDir: string;
  /** Upper and work dirs for a writable mount; omitted for a read-only view. */
  upperDir?: string;
  workDir?: string;
}

/**
 * Mounts an overlay. With no upper dir and fewer than two lower dirs no overlay is possible,
 * so the caller gets the single layer's directory (or an empty directory) back instead.
 *
 * @returns the path of the view and whether a mount was made (to unmount later).
 * @throws {BuildError} IMAGE_BUILD when the layer chain is too long or mount fails.
 */
export async function mountOverlay(
  opts: OverlayOptions,
): Promise<{ path: string; mounted: boolean }> {
  const lowers = [...opts.lowerDirs];
  if (lowers.length > imageBuildMaxLayerCount) {
    throw new BuildError(
      'IMAGE_BUILD',
      `Too many layers: ${lowers.length} (at most ${imageBuildMaxLayerCount})`,
      {
        hint: 'Combine RUN steps or use a multi-stage build to flatten the image',
      },
    );
  }
  await fs.mkdir(opts.linkDir, { recursive: true });
  if (opts.upperDir === undefined) {
    if (lowers.length === 1) return { path: lowers[0] ?? '', mounted: false };
    if (lowers.length === 0) {
      const empty = path.join(opts.linkDir, 'empty');
      await fs.mkdir(empty, { recursive: true });
      return { path: empty, mounted: false };
    }
  }
  if (lowers.length === 0) {
    // A writable overlay still needs a lower directory.
    const empty = path.join(opts.linkDir, 'empty');
    await fs.mkdir(empty, { recursive: true });
    lowers.push(empty);
  }
  // Overlay lists the TOP layer first.
  const names: string[] = [];
  for (let i = 0; i < lowers.length; i++) {
    const name = i.toString(36);
    await fs.symlink(lowers[i] ?? '', path.join(opts.linkDir, name));
    names.unshift(name);
  }
  let options = `lowerdir=${names.join(':')}`;
  if (opts.upperDir !== undefined && opts.workDir !== undefined) {
    options += `,upperdir=${opts.upperDir},workdir=${opts.workDir}`;
  } else {
    options = `ro,${options}`;
  }
  options += ',redirect_dir=off,metacopy=off,index=off';
  await fs.mkdir(opts.target, { recursive: true });
  try {
    await execFileAsync('mount', ['-t', 'overlay', 'overlay', '-o', options, opts.target], {
      cwd: opts.linkDir,
    });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot mount the build overlay at "${opts.target}": ${stderr.trim()}`,
      { cause: err },
    );
  }
  return { path: opts.target, mounted: true };
}

/** Unmounts `target` (lazily when busy); no error when it is not mounted. */
export async function unmount(target: string): Promise<void> {
  try {
    await execFileAsync('umount', [target]);
  } catch {
    await execFileAsync('umount', ['-l', target]).catch(() => undefined);
  }
}

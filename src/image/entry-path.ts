/**
 * Path checks for layer tar entries, pure so they can be tested exhaustively. A layer is
 * hostile when an entry names an absolute path, climbs out with `..`, or is a symlink or
 * hardlink whose target leaves the layer root.
 *
 * @module
 */
import { ImageError } from './errors.js';

function unsafe(message: string, entry: string): ImageError {
  return new ImageError('IMAGE_UNSAFE_LAYER', `Unsafe layer entry "${entry}": ${message}`, {
    details: { entry },
    hint: 'The image was built or modified to write outside its root filesystem; do not use it',
  });
}

/**
 * Splits an entry name into its components (`./` prefixes and `.` components dropped).
 * Returns an empty list for the layer root itself.
 *
 * @throws {ImageError} IMAGE_UNSAFE_LAYER for absolute names, `..` components or NUL bytes.
 */
export function entryComponents(name: string): string[] {
  if (name.includes('\0')) throw unsafe('the name contains a NUL byte', name);
  if (name.startsWith('/')) throw unsafe('absolute paths are not allowed', name);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe('".." components are not allowed', name);
  return parts;
}

/**
 * Checks a symlink's target stays inside the layer root when resolved from the link's
 * directory. Absolute targets are resolved against the container's root at run time, so they
 * are allowed; a relative target that climbs above the root is not.
 *
 * @throws {ImageError} IMAGE_UNSAFE_LAYER when the target escapes.
 */
export function checkSymlinkTarget(
  linkParts: readonly string[],
  target: string,
  entry: string,
): void {
  if (target.includes('\0')) throw unsafe('the symlink target contains a NUL byte', entry);
  if (target.startsWith('/')) return;
  const stack = linkParts.slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0)
        throw unsafe(`symlink target "${target}" points outside the layer`, entry);
      stack.pop();
    } else {
      stack.push(part);
    }
  }
}

/**
 * Components of a hardlink's target (tar hardlink names are relative to the archive root).
 *
 * @throws {ImageError} IMAGE_UNSAFE_LAYER for absolute targets or `..` components.
 */
export function hardlinkComponents(target: string, entry: string): string[] {
  if (target.startsWith('/') || target.split('/').includes('..')) {
    throw unsafe(`hardlink target "${target}" points outside the layer`, entry);
  }
  const parts = entryComponents(target);
  if (parts.length === 0) throw unsafe('hardlink to the layer root', entry);
  return parts;
}

/** Prefix of AUFS-style whiteout files (OCI image-spec: layer.md "Whiteouts"). */
export const whiteoutPrefix = '.wh.';
/** The opaque-directory marker. */
export const opaqueWhiteout = '.wh..wh..opq';

/** What a base name means under OCI whiteout rules. */
export type WhiteoutKind =
  { kind: 'none' } | { kind: 'opaque' } | { kind: 'whiteout'; name: string } | { kind: 'meta' };

/** Classifies a base name: a plain name, an opaque marker, a whiteout, or other `.wh..wh.` metadata. */
export function whiteoutKind(base: string): WhiteoutKind {
  if (base === opaqueWhiteout) return { kind: 'opaque' };
  if (base.startsWith(`${whiteoutPrefix}${whiteoutPrefix}`)) return { kind: 'meta' };
  if (base.startsWith(whiteoutPrefix)) {
    const name = base.slice(whiteoutPrefix.length);
    return name === '' ? { kind: 'meta' } : { kind: 'whiteout', name };
  }
  return { kind: 'none' };
}

/**
 * Image references (`[registry/]path[:tag][@digest]`), normalized the way Docker does:
 * a first component with a "." or ":" or equal to "localhost" is a registry; otherwise the
 * registry is docker.io and one-component paths live under "library/".
 *
 * Pure, so the CLI (flag checks) and the image module share it.
 *
 * @module
 */
import { InvalidArgumentError } from './errors.js';

/** A validated `sha256:<64 hex>` digest (OCI image-spec: descriptor digests). */
export type Digest = `sha256:${string}`;

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** Returns true when `value` is a well-formed sha256 digest. */
export function isDigest(value: string): value is Digest {
  return digestPattern.test(value);
}

/** The registry used when a reference names none. */
export const defaultRegistry = 'docker.io';

/** A parsed reference. */
export interface ImageReference {
  /** Registry host[:port], e.g. `docker.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/busybox`. */
  repository: string;
  tag?: string;
  digest?: Digest;
}

const componentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Parses a reference.
 *
 * @throws {InvalidArgumentError} naming the reference when it is malformed.
 */
export function parseReference(ref: string): ImageReference {
  const bad = (why: string): InvalidArgumentError =>
    new InvalidArgumentError(`Invalid image reference "${ref}": ${why}`, {
      details: { reference: ref },
    });
  let rest = ref;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = rest.slice(at + 1);
    if (!isDigest(d)) throw bad('the digest must be sha256:<64 hex digits>');
    digest = d;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag))
      throw bad(`tag "${tag}" must be 1-128 letters, digits, "_", "." or "-"`);
  }
  if (rest === '') throw bad('the name is empty');
  const parts = rest.split('/');
  let registry = defaultRegistry;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  if (registry === defaultRegistry && parts.length === 1) parts.unshift('library');
  for (const p of parts) {
    if (!componentPattern.test(p))
      throw bad(`path component "${p}" must be lowercase letters, digits and separators`);
  }
  const out: ImageReference = { registry, repository: parts.join('/') };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/** The short name Docker shows: `busybox`, `me/app`, `127.0.0.1:5000/app`. */
export function familiarName(ref: ImageReference): string {
  if (ref.registry !== defaultRegistry) return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith('library/')
    ? ref.repository.slice('library/'.length)
    : ref.repository;
}

/** `name:tag`, defaulting the tag to `latest` (no digest). */
export function familiarTagged(ref: ImageReference): string {
  return `${familiarName(ref)}:${ref.tag ?? 'latest'}`;
}

/** True when the string looks like an image ID or ID prefix rather than a name. */
export function looksLikeId(value: string): boolean {
  return /^(sha256:)?[0-9a-f]{4,64}$/.test(value);
}

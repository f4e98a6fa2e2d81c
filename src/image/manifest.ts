/**
 * Parsing and checking of OCI / Docker schema 2 manifests, indexes and image configs. Only the
 * fields tsorch uses are checked; a bad field is named in the error.
 *
 * @module
 */
import { parseDigest, type Digest } from './digest.js';
import { ImageError } from './errors.js';
import * as mt from './media-types.js';

/** A content descriptor (OCI image-spec descriptor.md). */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  urls?: string[];
}

/** An OS/architecture pair. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** A single-platform manifest. */
export interface Manifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** A multi-platform index (or Docker manifest list). */
export interface Index {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
}

/** The runtime part of an image config (Docker/OCI `config`). */
export interface ImageConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  ExposedPorts?: Record<string, object>;
  Volumes?: Record<string, object>;
  Labels?: Record<string, string>;
  StopSignal?: string;
  Healthcheck?: {
    Test?: string[];
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    Retries?: number;
  };
  [key: string]: unknown;
}

/** An image config blob (OCI image-spec config.md). */
export interface ImageConfigFile {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: ImageConfig;
  rootfs: { type: string; diff_ids: Digest[] };
  history?: unknown[];
  [key: string]: unknown;
}

function invalid(what: string, why: string): ImageError {
  return new ImageError('IMAGE_INVALID', `Invalid ${what}: ${why}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a descriptor; `where` names it in errors (e.g. `manifest.layers[2]`). */
export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isObject(v)) throw invalid(where, 'expected an object');
  if (typeof v['mediaType'] !== 'string') throw invalid(`${where}.mediaType`, 'expected a string');
  const size = v['size'];
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw invalid(`${where}.size`, 'expected a non-negative integer');
  const out: Descriptor = {
    mediaType: v['mediaType'],
    digest: parseDigest(v['digest'], `${where}.digest`),
    size,
  };
  const p = v['platform'];
  if (isObject(p) && typeof p['os'] === 'string' && typeof p['architecture'] === 'string') {
    out.platform = {
      os: p['os'],
      architecture: p['architecture'],
      ...(typeof p['variant'] === 'string' ? { variant: p['variant'] } : {}),
    };
  }
  if (isObject(v['annotations'])) out.annotations = v['annotations'] as Record<string, string>;
  if (Array.isArray(v['urls'])) out.urls = v['urls'] as string[];
  return out;
}

/** The media type of a manifest-ish JSON document (its field, or guessed from its shape). */
export function documentMediaType(v: unknown, fallback?: string): string {
  if (isObject(v) && typeof v['mediaType'] === 'string') return v['mediaType'];
  if (
    fallback !== undefined &&
    fallback !== '' &&
    !fallback.startsWith('application/json') &&
    !fallback.startsWith('text/')
  )
    return fallback;
  if (isObject(v) && Array.isArray(v['manifests'])) return mt.ociIndex;
  return mt.ociManifest;
}

/** Checks a manifest document. */
export function parseManifest(v: unknown, mediaType: string): Manifest {
  if (!isObject(v)) throw invalid('manifest', 'expected a JSON object');
  if (v['schemaVersion'] !== 2)
    throw invalid(
      'manifest.schemaVersion',
      `expected 2, got ${JSON.stringify(v['schemaVersion'])}`,
    );
  if (!mt.isManifest(mediaType))
    throw invalid('manifest.mediaType', `unsupported media type "${mediaType}"`);
  if (!Array.isArray(v['layers'])) throw invalid('manifest.layers', 'expected an array');
  return {
    schemaVersion: 2,
    mediaType,
    config: parseDescriptor(v['config'], 'manifest.config'),
    layers: v['layers'].map((l, i) => parseDescriptor(l, `manifest.layers[${i}]`)),
    ...(isObject(v['annotations'])
      ? { annotations: v['annotations'] as Record<string, string> }
      : {}),
  };
}

/** Checks an index document. */
export function parseIndex(v: unknown, mediaType: string): Index {
  if (!isObject(v)) throw invalid('index', 'expected a JSON object');
  if (!Array.isArray(v['manifests'])) throw invalid('index.manifests', 'expected an array');
  return {
    schemaVersion: 2,
    mediaType,
    manifests: v['manifests'].map((m, i) => parseDescriptor(m, `index.manifests[${i}]`)),
  };
}

/** Checks an image config. */
export function parseImageConfig(v: unknown): ImageConfigFile {
  if (!isObject(v)) throw invalid('image config', 'expected a JSON object');
  const rootfs = v['rootfs'];
  if (!isObject(rootfs) || !Array.isArray(rootfs['diff_ids']))
    throw invalid('image config rootfs.diff_ids', 'expected an array');
  const diffIds = rootfs['diff_ids'].map((d, i) =>
    parseDigest(d, `image config rootfs.diff_ids[${i}]`),
  );
  if (v['config'] !== undefined && v['config'] !== null && !isObject(v['config']))
    throw invalid('image config config', 'expected an object');
  return {
    ...v,
    rootfs: {
      type: typeof rootfs['type'] === 'string' ? rootfs['type'] : 'layers',
      diff_ids: diffIds,
    },
  };
}

/** The platform this node runs (Node's names mapped to OCI's). */
export function hostPlatform(): Platform {
  const arch: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  return { os: 'linux', architecture: arch[process.arch] ?? process.arch };
}

/**
 * Picks the manifest for `platform` from an index: exact os/architecture (and variant when
 * asked), else undefined.
 */
export function selectPlatform(index: Index, platform: Platform): Descriptor | undefined {
  const candidates = index.manifests.filter(
    (m) =>
      mt.isManifest(m.mediaType) &&
      m.platform?.os === platform.os &&
      m.platform.architecture === platform.architecture,
  );
  if (platform.variant !== undefined) {
    const exact = candidates.find((m) => m.platform?.variant === platform.variant);
    if (exact !== undefined) return exact;
  }
  return candidates[0];
}

/** Parses `os/arch[/variant]`. */
export function parsePlatform(value: string): Platform {
  const [os, architecture, variant] = value.split('/');
  if (os === undefined || os === '' || architecture === undefined || architecture === '') {
    throw new ImageError(
      'IMAGE_INVALID',
      `Invalid platform "${value}": expected os/arch[/variant]`,
    );
  }
  return { os, architecture, ...(variant === undefined ? {} : { variant }) };
}

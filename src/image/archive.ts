/**
 * Image archives: reading `docker save` archives (manifest.json) and OCI image layouts
 * (oci-layout + index.json + blobs/) as tar files, plain or gzip; writing archives that are both
 * at once (as Docker 25+ does), so `docker load` and OCI tools read them.
 *
 * Every regular file of an archive is streamed into the content store while it is read (a file
 * under blobs/sha256/ must match its name, so a corrupted archive is detected); the manifests
 * then say which of them form images. An archive is untrusted input: its size as stored and
 * uncompressed is capped, and a rejected archive leaves none of the blobs it added behind.
 *
 * @module
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import {
  imageArchiveMaxBytes,
  imageArchiveMaxUncompressedBytes,
  imageMetadataMaxBytes,
} from '../util/limits.js';
import type { ContentStore } from './content-store.js';
import { digestHex, type Digest } from './digest.js';
import { ImageError } from './errors.js';
import {
  documentMediaType,
  hostPlatform,
  parseImageConfig,
  parseIndex,
  parseManifest,
  selectPlatform,
  type Descriptor,
  type Manifest,
} from './manifest.js';
import * as mt from './media-types.js';
import { familiarTagged, parseReference } from '../util/image-reference.js';
import { capBytes, tooLarge } from './stream-caps.js';

/** An image found in an archive, its blobs already in the content store. */
export interface ArchiveImage {
  id: Digest;
  manifestDigest: Digest;
  manifestMediaType: string;
  manifest: Manifest;
  /** Normalized `name:tag` references. */
  repoTags: string[];
}

interface ArchiveFile {
  digest: Digest;
  sizeBytes: number;
}

async function gzipMagic(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function normalizeName(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** Streams every regular file of the tar into the content store; `added` collects new blobs. */
async function ingestArchive(
  source: Readable,
  content: ContentStore,
  added: Digest[],
  name: string,
): Promise<Map<string, ArchiveFile>> {
  const files = new Map<string, ArchiveFile>();
  const links = new Map<string, string>();
  const extract = tar.extract();
  const piping = pipeline(source, extract).catch((err: unknown) => {
    extract.destroy(err as Error);
  });
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const name = normalizeName(h.name);
      if (h.type === 'symlink' || h.type === 'link') {
        // docker save (before 25) links a layer shared by two images to its first copy.
        const base = h.type === 'symlink' ? path.posix.dirname(name) : '.';
        links.set(name, path.posix.normalize(path.posix.join(base, h.linkname)));
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
      const expected: Digest | undefined = m?.[1] === undefined ? undefined : `sha256:${m[1]}`;
      const info = await content.write(
        entry as AsyncIterable<Uint8Array>,
        expected === undefined ? {} : { expected },
      );
      if (info.created) added.push(info.digest);
      files.set(name, info);
    }
  } catch (err) {
    throw archiveReadError(err, name);
  }
  await piping;
  for (const [name] of links) {
    let target: string | undefined = name;
    for (let hops = 0; hops < 8 && target !== undefined && !files.has(target); hops++)
      target = links.get(target);
    const file = target === undefined ? undefined : files.get(target);
    if (file !== undefined) files.set(name, file);
  }
  return files;
}

/**
 * The error of a failed archive read. A tar or gzip stream that ends early becomes "the file is
 * truncated" naming the file; tar-stream gives its "Unexpected end of data" no code, so its text
 * is matched here and only here (zlib's has the code Z_BUF_ERROR).
 */
function archiveReadError(err: unknown, name: string): ImageError {
  if (err instanceof ImageError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || e.message === 'Unexpected end of data') {
    return new ImageError(
      'IMAGE_INVALID',
      `Cannot read the image archive "${name}": the file is truncated (it ends in the middle of an entry)`,
      { cause: err },
    );
  }
  return new ImageError('IMAGE_INVALID', `Cannot read the image archive "${name}": ${e.message}`, {
    cause: err,
  });
}

/** Options of {@link readArchive}. */
export interface ReadArchiveOptions {
  /** Cap on the file. Default {@link imageArchiveMaxBytes}. */
  maxBytes?: number;
  /** Cap on the (uncompressed) tar stream. Default {@link imageArchiveMaxUncompressedBytes}. */
  maxUncompressedBytes?: number;
  /** How messages name the archive. Default: the file's base name. */
  name?: string;
}

/**
 * Loads an archive file (docker-archive or OCI layout; tar or tar.gz) into the content store
 * and returns the images it holds. On any failure the blobs this load added are removed again.
 *
 * @throws {ImageError} IMAGE_INVALID for a file that is not an image archive, misses blobs or is
 *   over a size cap, IMAGE_DIGEST_MISMATCH for a corrupted blob.
 */
export async function readArchive(
  file: string,
  content: ContentStore,
  options: ReadArchiveOptions = {},
): Promise<ArchiveImage[]> {
  const added: Digest[] = [];
  try {
    return await readArchiveInto(file, content, options, added);
  } catch (err) {
    // A blob another load adds at the same moment may be one of these; that load then fails
    // its own blob check (IMAGE_INVALID "misses blob") rather than keeping a broken image.
    for (const digest of added) await content.delete(digest);
    throw err;
  }
}

async function readArchiveInto(
  file: string,
  content: ContentStore,
  options: ReadArchiveOptions,
  added: Digest[],
): Promise<ArchiveImage[]> {
  const maxBytes = options.maxBytes ?? imageArchiveMaxBytes;
  const maxUncompressed = options.maxUncompressedBytes ?? imageArchiveMaxUncompressedBytes;
  const label = `Archive "${options.name ?? path.basename(file)}"`;
  let gzip: boolean;
  try {
    if ((await fs.stat(file)).size > maxBytes) throw tooLarge(label, maxBytes);
    gzip = await gzipMagic(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ImageError(
        'IMAGE_NOT_FOUND',
        `Cannot open the image archive "${file}": no such file`,
      );
    }
    throw err;
  }
  const raw = createReadStream(file);
  const cap = capBytes(maxUncompressed, () => tooLarge(label, maxUncompressed, 'uncompressed'));
  const gunzip = gzip ? createGunzip() : undefined;
  const source: Readable = gunzip ? raw.pipe(gunzip).pipe(cap) : raw.pipe(cap);
  // pipe() forwards no errors: a failing stage (a truncated gzip stream) must fail the reader.
  for (const stage of gunzip ? [raw, gunzip] : [raw])
    stage.on('error', (err: Error) => source.destroy(err));
  const files = await ingestArchive(source, content, added, options.name ?? path.basename(file));
  const index = files.get('index.json');
  if (index !== undefined && files.has('oci-layout')) return fromOciLayout(index, content);
  const dockerManifest = files.get('manifest.json');
  if (dockerManifest !== undefined) return fromDockerArchive(dockerManifest, files, content, added);
  throw new ImageError(
    'IMAGE_INVALID',
    `"${file}" is not an image archive: it has neither manifest.json nor oci-layout and index.json`,
  );
}

async function requireBlobs(manifest: Manifest, content: ContentStore): Promise<void> {
  for (const d of [manifest.config, ...manifest.layers]) {
    const size = await content.stat(d.digest);
    if (size === undefined)
      throw new ImageError('IMAGE_INVALID', `The image archive misses blob "${d.digest}"`);
    if (size !== d.size)
      throw new ImageError(
        'IMAGE_DIGEST_MISMATCH',
        `Blob "${d.digest}" has ${size} bytes, the manifest says ${d.size}`,
      );
  }
}

function tagsFromAnnotations(annotations: Record<string, string> | undefined): string[] {
  const name =
    annotations?.['io.containerd.image.name'] ?? annotations?.['org.opencontainers.image.ref.name'];
  // A bare OCI ref name such as "latest" is only a tag: it names no repository.
  if (name === undefined || !/[:/]/.test(name)) return [];
  try {
    return [familiarTagged(parseReference(name))];
  } catch {
    return [];
  }
}

async function fromOciLayout(
  indexFile: ArchiveFile,
  content: ContentStore,
): Promise<ArchiveImage[]> {
  const doc = await content.readJson(indexFile.digest, imageMetadataMaxBytes);
  const index = parseIndex(doc, mt.ociIndex);
  const images: ArchiveImage[] = [];
  for (const desc of index.manifests) {
    const img = await resolveManifest(desc, content, 0);
    if (img === undefined) continue;
    const tags = tagsFromAnnotations(desc.annotations);
    images.push({ ...img, repoTags: tags });
  }
  if (images.length === 0)
    throw new ImageError('IMAGE_INVALID', 'The OCI archive holds no image for this platform');
  return images;
}

async function resolveManifest(
  desc: Descriptor,
  content: ContentStore,
  depth: number,
): Promise<Omit<ArchiveImage, 'repoTags'> | undefined> {
  if (depth > 2) throw new ImageError('IMAGE_INVALID', 'Image indexes nest too deeply');
  const doc = await content.readJson(desc.digest, imageMetadataMaxBytes);
  const mediaType = documentMediaType(doc, desc.mediaType);
  if (mt.isIndex(mediaType)) {
    const chosen = selectPlatform(parseIndex(doc, mediaType), hostPlatform());
    return chosen === undefined ? undefined : resolveManifest(chosen, content, depth + 1);
  }
  const manifest = parseManifest(doc, mediaType);
  await requireBlobs(manifest, content);
  parseImageConfig(await content.readJson(manifest.config.digest, imageMetadataMaxBytes));
  return {
    id: manifest.config.digest,
    manifestDigest: desc.digest,
    manifestMediaType: mediaType,
    manifest,
  };
}

async function layerMediaType(digest: Digest, content: ContentStore): Promise<string> {
  return (await gzipMagic(content.path(digest))) ? mt.ociLayerGzip : mt.ociLayer;
}

async function fromDockerArchive(
  manifestFile: ArchiveFile,
  files: Map<string, ArchiveFile>,
  content: ContentStore,
  added: Digest[],
): Promise<ArchiveImage[]> {
  const doc = await content.readJson(manifestFile.digest, imageMetadataMaxBytes);
  if (!Array.isArray(doc))
    throw new ImageError('IMAGE_INVALID', 'Invalid manifest.json: expected an array');
  const images: ArchiveImage[] = [];
  for (const [i, item] of (doc as unknown[]).entries()) {
    const where = `manifest.json[${i}]`;
    const entry = item as { Config?: unknown; RepoTags?: unknown; Layers?: unknown };
    const lookup = (name: unknown, field: string): ArchiveFile => {
      const f = typeof name === 'string' ? files.get(normalizeName(name)) : undefined;
      if (f === undefined)
        throw new ImageError(
          'IMAGE_INVALID',
          `Invalid ${where}.${field}: file "${String(name)}" is not in the archive`,
        );
      return f;
    };
    const config = lookup(entry.Config, 'Config');
    const configDoc = parseImageConfig(
      await content.readJson(config.digest, imageMetadataMaxBytes),
    );
    if (!Array.isArray(entry.Layers))
      throw new ImageError('IMAGE_INVALID', `Invalid ${where}.Layers: expected an array`);
    const layers: Descriptor[] = [];
    for (const [j, l] of (entry.Layers as unknown[]).entries()) {
      const f = lookup(l, `Layers[${j}]`);
      layers.push({
        mediaType: await layerMediaType(f.digest, content),
        digest: f.digest,
        size: f.sizeBytes,
      });
    }
    if (layers.length !== configDoc.rootfs.diff_ids.length) {
      throw new ImageError(
        'IMAGE_INVALID',
        `Invalid ${where}: ${layers.length} layers but the config lists ${configDoc.rootfs.diff_ids.length} diff IDs`,
      );
    }
    const manifest: Manifest = {
      schemaVersion: 2,
      mediaType: mt.ociManifest,
      config: { mediaType: mt.ociConfig, digest: config.digest, size: config.sizeBytes },
      layers,
    };
    const stored = await content.writeBuffer(Buffer.from(JSON.stringify(manifest)));
    if (stored.created) added.push(stored.digest);
    const tags = Array.isArray(entry.RepoTags)
      ? (entry.RepoTags as unknown[]).filter((t): t is string => typeof t === 'string')
      : [];
    images.push({
      id: config.digest,
      manifestDigest: stored.digest,
      manifestMediaType: mt.ociManifest,
      manifest,
      repoTags: tags.map((t) => familiarTagged(parseReference(t))),
    });
  }
  return images;
}

/** An image to write into an archive. */
export interface SaveItem {
  manifestDigest: Digest;
  manifestMediaType: string;
  manifest: Manifest;
  repoTags: string[];
}

/**
 * Writes images to `file` as a tar (gzip when `gzip`) that is both a docker-archive and an OCI
 * image layout.
 */
export async function writeArchive(
  file: string,
  items: SaveItem[],
  content: ContentStore,
  options: { gzip?: boolean } = {},
): Promise<void> {
  const pack = tar.pack();
  const out = createWriteStream(file, { mode: 0o644 });
  const writing = options.gzip === true ? pipeline(pack, createGzip(), out) : pipeline(pack, out);
  const written = new Set<string>();
  const addBuffer = (name: string, data: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      pack.entry({ name, mode: 0o644, mtime: new Date(0) }, data, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  const addBlob = async (digest: Digest): Promise<void> => {
    if (written.has(digest)) return;
    written.add(digest);
    const size = await content.stat(digest);
    if (size === undefined)
      throw new ImageError('IMAGE_NOT_FOUND', `Blob "${digest}" is missing from the content store`);
    const sink = pack.entry({
      name: `blobs/sha256/${digestHex(digest)}`,
      size,
      mode: 0o644,
      mtime: new Date(0),
    });
    await pipeline(content.openRead(digest), sink);
  };
  const dockerManifest: unknown[] = [];
  const indexManifests: Descriptor[] = [];
  try {
    await addBuffer('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
    for (const item of items) {
      await addBlob(item.manifest.config.digest);
      for (const l of item.manifest.layers) await addBlob(l.digest);
      await addBlob(item.manifestDigest);
      const size = (await content.stat(item.manifestDigest)) ?? 0;
      const tags = item.repoTags.length > 0 ? item.repoTags : [undefined];
      for (const tag of tags) {
        indexManifests.push({
          mediaType: item.manifestMediaType,
          digest: item.manifestDigest,
          size,
          ...(tag === undefined
            ? {}
            : {
                annotations: {
                  'io.containerd.image.name': tag,
                  'org.opencontainers.image.ref.name': tag.slice(tag.lastIndexOf(':') + 1),
                },
              }),
        });
      }
      dockerManifest.push({
        Config: `blobs/sha256/${digestHex(item.manifest.config.digest)}`,
        RepoTags: item.repoTags,
        Layers: item.manifest.layers.map((l) => `blobs/sha256/${digestHex(l.digest)}`),
      });
    }
    await addBuffer(
      'index.json',
      Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: mt.ociIndex, manifests: indexManifests }),
      ),
    );
    await addBuffer('manifest.json', Buffer.from(JSON.stringify(dockerManifest)));
    pack.finalize();
    await writing;
  } catch (err) {
    pack.destroy();
    await writing.catch(() => undefined);
    await fs.rm(file, { force: true });
    throw err;
  }
}

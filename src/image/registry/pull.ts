/**
 * `image pull` over the OCI distribution protocol: resolve the tag to a manifest (choosing the
 * host platform from an index or Docker manifest list), then fetch the config and layers, each
 * verified against its digest, layers in parallel (bounded) and resumed with HTTP Range after a
 * broken transfer, then unpack the layers once.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import {
  imageBlobDownloadMaxAttempts,
  imageMetadataMaxBytes,
  imageTransferConcurrency,
} from '../../util/limits.js';
import { type Digest } from '../digest.js';
import { shortId } from '../digest.js';
import { ImageError } from '../errors.js';
import type { ImageService, LocalImage } from '../image-service.js';
import {
  documentMediaType,
  hostPlatform,
  parseImageConfig,
  parseIndex,
  parseManifest,
  selectPlatform,
  type Descriptor,
  type Manifest,
  type Platform,
} from '../manifest.js';
import * as mt from '../media-types.js';
import { KeyedMutex } from '../../util/keyed-mutex.js';
import {
  familiarName,
  familiarTagged,
  parseReference,
  type ImageReference,
} from '../../util/image-reference.js';
import { RegistryClient, responseHeader, type RegistryCredentials } from './client.js';
import type { ProgressSink } from './progress.js';

/** Options of {@link pullImage}. */
export interface PullOptions {
  credentials?: RegistryCredentials | undefined;
  platform?: Platform | undefined;
  insecure?: boolean;
  onProgress?: ProgressSink;
  signal?: AbortSignal;
}

/** Serializes downloads of one blob across concurrent pulls in this process. */
const blobLocks = new KeyedMutex();

/** Runs `fn` over `items` with at most `limit` at once; the first failure wins. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function readBody(
  res: Awaited<ReturnType<RegistryClient['send']>>,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of res.body) {
    n += (chunk as Buffer).length;
    if (n > maxBytes) {
      res.body.destroy();
      throw new ImageError('IMAGE_INVALID', `The ${what} is over ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Fetches a manifest or index by tag or digest, verifying its digest. */
async function fetchManifest(
  client: RegistryClient,
  repo: string,
  reference: string,
  expected?: Digest,
): Promise<{ data: Buffer; digest: Digest; mediaType: string; doc: unknown }> {
  const res = await client.expect(
    {
      method: 'GET',
      path: `/v2/${repo}/manifests/${reference}`,
      scopes: [`repository:${repo}:pull`],
      headers: { accept: mt.manifestAccept },
    },
    [200],
    `get manifest "${repo}:${reference}"`,
  );
  const data = await readBody(res, imageMetadataMaxBytes, 'manifest');
  const digest: Digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
  const claimed = responseHeader(res.headers, 'docker-content-digest');
  for (const want of [expected, claimed]) {
    if (want !== undefined && want !== digest) {
      throw new ImageError(
        'IMAGE_DIGEST_MISMATCH',
        `Digest mismatch for manifest "${repo}:${reference}": expected "${want}", got "${digest}"`,
      );
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new ImageError('IMAGE_INVALID', `Manifest "${repo}:${reference}" is not valid JSON`, {
      cause: err,
    });
  }
  const contentType = (responseHeader(res.headers, 'content-type') ?? '').split(';')[0]?.trim();
  return { data, digest, mediaType: documentMediaType(doc, contentType), doc };
}

/** Downloads one blob into the content store (resuming with Range), unless already there. */
async function fetchBlob(
  svc: ImageService,
  client: RegistryClient,
  repo: string,
  desc: Descriptor,
  options: PullOptions,
): Promise<'exists' | 'downloaded'> {
  const id = shortId(desc.digest);
  return blobLocks.run(`${svc.root} ${desc.digest}`, async () => {
    if ((await svc.content.stat(desc.digest)) === desc.size) {
      options.onProgress?.({ id, status: 'Already exists' });
      return 'exists';
    }
    options.onProgress?.({ id, status: 'Downloading', currentBytes: 0, totalBytes: desc.size });
    await svc.content.writeResumable(
      desc.digest,
      async (offsetBytes) => {
        const res = await client.expect(
          {
            method: 'GET',
            path: `/v2/${repo}/blobs/${desc.digest}`,
            scopes: [`repository:${repo}:pull`],
            headers: offsetBytes > 0 ? { range: `bytes=${offsetBytes}-` } : {},
          },
          [200, 206],
          `download blob "${desc.digest}"`,
        );
        // A server ignoring Range sends everything again: skip what is already on disk.
        let skip = res.status === 200 ? offsetBytes : 0;
        return (async function* () {
          for await (const chunk of res.body) {
            const buf = chunk as Buffer;
            if (skip >= buf.length) {
              skip -= buf.length;
              continue;
            }
            yield skip > 0 ? buf.subarray(skip) : buf;
            skip = 0;
          }
        })();
      },
      {
        maxAttempts: imageBlobDownloadMaxAttempts,
        expectedSizeBytes: desc.size,
        onProgress: (n) =>
          options.onProgress?.({
            id,
            status: 'Downloading',
            currentBytes: n,
            totalBytes: desc.size,
          }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );
    options.onProgress?.({ id, status: 'Download complete' });
    return 'downloaded';
  });
}

/** Resolves a reference to a single-platform manifest, returning it and the digest users see. */
async function resolveManifest(
  client: RegistryClient,
  ref: ImageReference,
  platform: Platform,
): Promise<{
  manifest: Manifest;
  manifestData: Buffer;
  manifestDigest: Digest;
  topDigest: Digest;
}> {
  const top = await fetchManifest(
    client,
    ref.repository,
    ref.digest ?? ref.tag ?? 'latest',
    ref.digest,
  );
  if (mt.isIndex(top.mediaType)) {
    const index = parseIndex(top.doc, top.mediaType);
    const chosen = selectPlatform(index, platform);
    if (chosen === undefined) {
      const have = index.manifests
        .map((m) =>
          m.platform === undefined ? '?' : `${m.platform.os}/${m.platform.architecture}`,
        )
        .join(', ');
      throw new ImageError(
        'IMAGE_NOT_FOUND',
        `No manifest for platform "${platform.os}/${platform.architecture}" in "${familiarTagged(ref)}" (it has: ${have})`,
      );
    }
    const m = await fetchManifest(client, ref.repository, chosen.digest, chosen.digest);
    return {
      manifest: parseManifest(m.doc, m.mediaType),
      manifestData: m.data,
      manifestDigest: m.digest,
      topDigest: top.digest,
    };
  }
  return {
    manifest: parseManifest(top.doc, top.mediaType),
    manifestData: top.data,
    manifestDigest: top.digest,
    topDigest: top.digest,
  };
}

/**
 * Pulls `refText` into the store and unpacks its layers.
 *
 * @throws {ImageError} IMAGE_NOT_FOUND, IMAGE_AUTH, IMAGE_REGISTRY, IMAGE_DIGEST_MISMATCH.
 */
export async function pullImage(
  svc: ImageService,
  refText: string,
  options: PullOptions = {},
): Promise<LocalImage> {
  return svc.ingesting(() => pull(svc, refText, options));
}

async function pull(svc: ImageService, refText: string, options: PullOptions): Promise<LocalImage> {
  const ref = parseReference(refText);
  const client = new RegistryClient(ref.registry, {
    credentials: options.credentials,
    insecure: options.insecure === true || svc.insecureRegistries.includes(ref.registry),
    signal: options.signal,
  });
  const platform = options.platform ?? hostPlatform();
  const { manifest, manifestData, manifestDigest, topDigest } = await resolveManifest(
    client,
    ref,
    platform,
  );
  await fetchBlob(svc, client, ref.repository, manifest.config, {
    ...options,
    onProgress: () => undefined,
  });
  const config = parseImageConfig(
    await svc.content.readJson(manifest.config.digest, imageMetadataMaxBytes),
  );
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new ImageError(
      'IMAGE_INVALID',
      `Image "${refText}" lists ${manifest.layers.length} layers but ${config.rootfs.diff_ids.length} diff IDs`,
    );
  }
  for (const l of manifest.layers)
    options.onProgress?.({ id: shortId(l.digest), status: 'Waiting' });
  // Layers unpack in order while later ones still download (each layer needs the ones below).
  const refs = manifest.layers.map((l, i) => ({
    blob: l.digest,
    diffId: config.rootfs.diff_ids[i] ?? l.digest,
  }));
  const downloaded = manifest.layers.map(() => {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  const unpacking = (async () => {
    for (const [i, layer] of manifest.layers.entries()) {
      await downloaded[i]?.promise;
      await svc.layers.ensure(refs.slice(0, i + 1));
      options.onProgress?.({ id: shortId(layer.digest), status: 'Pull complete' });
    }
  })();
  const downloading = forEachLimit(
    manifest.layers.map((l, i) => ({ l, i })),
    imageTransferConcurrency,
    async ({ l, i }) => {
      await fetchBlob(svc, client, ref.repository, l, options);
      downloaded[i]?.resolve();
    },
  );
  // Whichever fails first ends the pull; the other's later failure must not go unhandled.
  downloading.catch(() => undefined);
  unpacking.catch(() => undefined);
  await Promise.race([downloading.then(() => unpacking), unpacking]);
  await svc.content.writeBuffer(manifestData, { expected: manifestDigest });
  await svc.blobSources.record(
    [manifest.config.digest, ...manifest.layers.map((l) => l.digest)],
    ref.registry,
    ref.repository,
  );
  await svc.addImage({
    id: manifest.config.digest,
    manifestDigest,
    manifestMediaType: manifest.mediaType,
    repoTags: ref.digest === undefined ? [familiarTagged(ref)] : [],
    repoDigests: [`${familiarName(ref)}@${topDigest}`],
  });
  options.onProgress?.({ id: '', status: `Digest: ${topDigest}` });
  return svc.resolve(manifest.config.digest);
}

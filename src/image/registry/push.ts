/**
 * `image push` over the OCI distribution protocol: for each blob (layers, then config), skip it
 * when the repository has it (HEAD), mount it from another repository of the same registry known
 * to hold it (cross-repository blob mount: the repositories this blob was pulled from or pushed to,
 * see blob-sources.ts, and those this image came from), or upload it (POST, then one PUT, or
 * PATCH chunks and a closing PUT for large blobs); then PUT the manifest with its exact bytes so
 * its digest is kept.
 *
 * @module
 */
import {
  imageMetadataMaxBytes,
  imageTransferConcurrency,
  imageUploadChunkBytes,
} from '../../util/limits.js';
import { shortId, type Digest } from '../digest.js';
import { ImageError } from '../errors.js';
import type { ImageService, LocalImage } from '../image-service.js';
import type { Descriptor } from '../manifest.js';
import { parseManifest } from '../manifest.js';
import { familiarName, familiarTagged, parseReference } from '../../util/image-reference.js';
import { RegistryClient, responseHeader, type RegistryCredentials } from './client.js';
import type { ProgressSink } from './progress.js';
import { forEachLimit } from './pull.js';

/** Options of {@link pushImage}. */
export interface PushOptions {
  credentials?: RegistryCredentials | undefined;
  insecure?: boolean;
  onProgress?: ProgressSink;
  signal?: AbortSignal;
  /** Blobs above this size go up in PATCH chunks of this size (default {@link imageUploadChunkBytes}). */
  chunkBytes?: number;
}

function location(
  res: { headers: Record<string, string | string[] | undefined> },
  base: string,
): string {
  const loc = responseHeader(res.headers, 'location');
  if (loc === undefined)
    throw new ImageError(
      'IMAGE_REGISTRY',
      'The registry started an upload without a Location header',
    );
  return new URL(loc, base).toString();
}

function withDigest(url: string, digest: Digest): string {
  const u = new URL(url);
  u.searchParams.set('digest', digest);
  return u.toString();
}

async function uploadBlob(
  svc: ImageService,
  client: RegistryClient,
  repo: string,
  desc: Descriptor,
  imageSources: string[],
  options: PushOptions,
): Promise<void> {
  const id = shortId(desc.digest);
  const known = await svc.blobSources.candidates(desc.digest, client.registry, repo);
  // One candidate: a refused mount (202) opens an ordinary upload, which is then used.
  const mountFrom = [...new Set([...known, ...imageSources])].slice(0, 1);
  const scopes = [`repository:${repo}:pull,push`, ...mountFrom.map((r) => `repository:${r}:pull`)];
  const head = await client.send({
    method: 'HEAD',
    path: `/v2/${repo}/blobs/${desc.digest}`,
    scopes,
  });
  await head.body.dump();
  if (head.status === 200) {
    options.onProgress?.({ id, status: 'Layer already exists' });
    return;
  }
  let start: Awaited<ReturnType<RegistryClient['send']>> | undefined;
  for (const from of mountFrom) {
    start = await client.expect(
      {
        method: 'POST',
        path: `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(desc.digest)}&from=${encodeURIComponent(from)}`,
        scopes,
      },
      [201, 202],
      `mount blob "${desc.digest}"`,
    );
    await start.body.dump();
    if (start.status === 201) {
      options.onProgress?.({ id, status: `Mounted from ${from}` });
      return;
    }
    break; // 202: the registry opened an ordinary upload instead; use it.
  }
  if (start === undefined) {
    start = await client.expect(
      { method: 'POST', path: `/v2/${repo}/blobs/uploads/`, scopes },
      [202],
      `start upload of "${desc.digest}"`,
    );
    await start.body.dump();
  }
  let url = location(start, client.baseUrl);
  options.onProgress?.({ id, status: 'Pushing', currentBytes: 0, totalBytes: desc.size });
  const chunkBytes = options.chunkBytes ?? imageUploadChunkBytes;
  if (desc.size <= chunkBytes) {
    const res = await client.expect(
      {
        method: 'PUT',
        path: withDigest(url, desc.digest),
        scopes,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(desc.size),
        },
        body: svc.content.openRead(desc.digest),
      },
      [201],
      `upload blob "${desc.digest}"`,
    );
    await res.body.dump();
  } else {
    for (let offset = 0; offset < desc.size; offset += chunkBytes) {
      options.signal?.throwIfAborted();
      const end = Math.min(offset + chunkBytes, desc.size) - 1;
      const res = await client.expect(
        {
          method: 'PATCH',
          path: url,
          scopes,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(end - offset + 1),
            'content-range': `${offset}-${end}`,
          },
          body: svc.content.openRead(desc.digest, offset, end),
        },
        [202],
        `upload a chunk of blob "${desc.digest}"`,
      );
      await res.body.dump();
      url = location(res, url);
      options.onProgress?.({ id, status: 'Pushing', currentBytes: end + 1, totalBytes: desc.size });
    }
    const res = await client.expect(
      {
        method: 'PUT',
        path: withDigest(url, desc.digest),
        scopes,
        headers: { 'content-length': '0' },
      },
      [201],
      `finish upload of "${desc.digest}"`,
    );
    await res.body.dump();
  }
  options.onProgress?.({ id, status: 'Pushed' });
}

/**
 * Pushes local image `refText` (`registry/repo[:tag]`) to its registry.
 *
 * @returns the pushed manifest's digest.
 * @throws {ImageError} IMAGE_NOT_FOUND, IMAGE_AUTH, IMAGE_REGISTRY.
 */
export async function pushImage(
  svc: ImageService,
  refText: string,
  options: PushOptions = {},
): Promise<{ digest: Digest; image: LocalImage }> {
  const ref = parseReference(refText);
  const image = await svc.resolve(refText);
  const manifestData = await svc.content.readVerified(
    image.manifestDigest as Digest,
    imageMetadataMaxBytes,
  );
  const manifest = parseManifest(
    JSON.parse(manifestData.toString('utf8')),
    image.manifestMediaType,
  );
  const client = new RegistryClient(ref.registry, {
    credentials: options.credentials,
    insecure: options.insecure === true || svc.insecureRegistries.includes(ref.registry),
    signal: options.signal,
  });
  // Other repositories of the same registry this image is known in: candidates for blob mounts.
  const imageSources = [
    ...new Set(
      image.repoDigests
        .map((d) => parseReference(d))
        .filter((r) => r.registry === ref.registry && r.repository !== ref.repository)
        .map((r) => r.repository),
    ),
  ];
  const scopes = [`repository:${ref.repository}:pull,push`];
  for (const l of manifest.layers)
    options.onProgress?.({ id: shortId(l.digest), status: 'Preparing' });
  await forEachLimit(manifest.layers, imageTransferConcurrency, (l) =>
    uploadBlob(svc, client, ref.repository, l, imageSources, options),
  );
  await uploadBlob(svc, client, ref.repository, manifest.config, imageSources, {
    ...options,
    onProgress: () => undefined,
  });
  const tag = ref.digest ?? ref.tag ?? 'latest';
  const res = await client.expect(
    {
      method: 'PUT',
      path: `/v2/${ref.repository}/manifests/${tag}`,
      scopes,
      headers: { 'content-type': image.manifestMediaType },
      body: manifestData,
      replayable: true,
    },
    [201],
    `put manifest "${familiarTagged(ref)}"`,
  );
  await res.body.dump();
  const digest = image.manifestDigest as Digest;
  const claimed = responseHeader(res.headers, 'docker-content-digest');
  if (claimed !== undefined && claimed !== digest) {
    throw new ImageError(
      'IMAGE_DIGEST_MISMATCH',
      `The registry stored manifest "${familiarTagged(ref)}" as "${claimed}", expected "${digest}"`,
    );
  }
  await svc.blobSources.record(
    [manifest.config.digest, ...manifest.layers.map((l) => l.digest)],
    ref.registry,
    ref.repository,
  );
  await svc.addImage({
    id: image.id as Digest,
    manifestDigest: digest,
    manifestMediaType: image.manifestMediaType,
    repoTags: [],
    repoDigests: [`${familiarName(ref)}@${digest}`],
  });
  options.onProgress?.({
    id: '',
    status: `${ref.tag ?? 'latest'}: digest: ${digest} size: ${manifestData.length}`,
  });
  return { digest, image: await svc.resolve(image.id) };
}

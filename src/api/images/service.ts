/**
 * gRPC handlers of `tsorch.v1.Images` over the node's image store: decode, call the
 * {@link ImageService} and the registry client, encode.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { serverStream, toGrpcError, unary } from '../errors.js';
import type {
  ImageArchiveChunk,
  ImageArchiveChunk__Output,
} from '../gen/tsorch/v1/ImageArchiveChunk.js';
import type { ImageSummary } from '../gen/tsorch/v1/ImageSummary.js';
import type { InspectImageRequest__Output } from '../gen/tsorch/v1/InspectImageRequest.js';
import type { InspectImageResponse } from '../gen/tsorch/v1/InspectImageResponse.js';
import type { ListImagesResponse } from '../gen/tsorch/v1/ListImagesResponse.js';
import type { LoadImagesRequest__Output } from '../gen/tsorch/v1/LoadImagesRequest.js';
import type { LoadImagesResponse } from '../gen/tsorch/v1/LoadImagesResponse.js';
import type { PruneImagesRequest__Output } from '../gen/tsorch/v1/PruneImagesRequest.js';
import type { PruneImagesResponse } from '../gen/tsorch/v1/PruneImagesResponse.js';
import type { PullImageRequest__Output } from '../gen/tsorch/v1/PullImageRequest.js';
import type { PullImageResponse } from '../gen/tsorch/v1/PullImageResponse.js';
import type { PushImageRequest__Output } from '../gen/tsorch/v1/PushImageRequest.js';
import type { PushImageResponse } from '../gen/tsorch/v1/PushImageResponse.js';
import type { RegistryAuth__Output } from '../gen/tsorch/v1/RegistryAuth.js';
import type { RegistryLoginRequest__Output } from '../gen/tsorch/v1/RegistryLoginRequest.js';
import type { RemoveImageRequest__Output } from '../gen/tsorch/v1/RemoveImageRequest.js';
import type { RemoveImageResponse } from '../gen/tsorch/v1/RemoveImageResponse.js';
import type { SaveImagesRequest__Output } from '../gen/tsorch/v1/SaveImagesRequest.js';
import type { TagImageRequest__Output } from '../gen/tsorch/v1/TagImageRequest.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { send } from '../stream.js';
import {
  parsePlatform,
  pullImage,
  pushImage,
  RegistryClient,
  type ImageService,
  type LocalImage,
  type ProgressEvent,
  type RegistryCredentials,
} from '../../image/index.js';
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { imageArchiveMaxBytes } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';

/** Shortest gap between two "Downloading"/"Pushing" events of one layer sent to a client. */
const progressIntervalMs = 200;

function summary(img: LocalImage): ImageSummary {
  return {
    id: img.id,
    repoTags: img.repoTags,
    repoDigests: img.repoDigests,
    created: img.created ?? '',
    sizeBytes: String(img.sizeBytes),
  };
}

function credentials(auth: RegistryAuth__Output | null): RegistryCredentials | undefined {
  if (auth === null || auth.username === '') return undefined;
  return { username: auth.username, password: auth.password };
}

function absolutePath(field: string, value: string): string {
  if (!path.isAbsolute(value))
    throw new InvalidArgumentError(`Invalid ${field} "${value}": must be an absolute path`);
  return value;
}

/** Forwards progress events, dropping byte-count updates that come faster than the interval. */
function throttled(send: (e: ProgressEvent) => void): (e: ProgressEvent) => void {
  const last = new Map<string, number>();
  return (e) => {
    const bytes = e.status === 'Downloading' || e.status === 'Pushing';
    if (bytes && e.currentBytes !== e.totalBytes) {
      const now = Date.now();
      if (now - (last.get(e.id) ?? 0) < progressIntervalMs) return;
      last.set(e.id, now);
    }
    send(e);
  };
}

function progress(e: ProgressEvent): {
  id: string;
  status: string;
  currentBytes: string;
  totalBytes: string;
} {
  return {
    id: e.id,
    status: e.status,
    currentBytes: String(e.currentBytes ?? 0),
    totalBytes: String(e.totalBytes ?? 0),
  };
}

/** Size of the chunks `SaveStream` sends. */
const archiveChunkBytes = 1024 * 1024;

/** Writes a client-streamed archive to a temporary file, then loads it. */
async function receiveArchive(
  svc: ImageService,
  call: AsyncIterable<ImageArchiveChunk__Output>,
): Promise<Awaited<ReturnType<ImageService['load']>>> {
  const tmp = path.join(svc.root, 'ingest', `tmp-load-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      let size = 0;
      for await (const msg of call) {
        size += msg.data.length;
        // The file-based load checks the same cap on the archive as stored.
        if (size > imageArchiveMaxBytes) {
          throw new TsorchError(
            'IMAGE_INVALID',
            `The archive sent is over ${String(imageArchiveMaxBytes)} bytes`,
          );
        }
        await handle.write(msg.data);
      }
    } finally {
      await handle.close();
    }
    return await svc.load(tmp, { name: 'standard input' });
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Load and Save, from and to a file on the node or a stream to the client. */
function archiveHandlers(svc: ImageService, log: Logger): grpc.UntypedServiceImplementation {
  return {
    load: unary<LoadImagesRequest__Output, LoadImagesResponse>(async (req) => {
      const images = await svc.load(absolutePath('archive path', req.path));
      log.info('images loaded', { path: req.path, images: images.map((i) => i.id) });
      return { images: images.map((i) => ({ ...summary(i), repoTags: i.loadedTags })) };
    }),
    save: unary<SaveImagesRequest__Output, object>(async (req) => {
      await svc.save(req.references, absolutePath('output path', req.path), { gzip: req.gzip });
      return {};
    }),
    loadStream: (
      call: grpc.ServerReadableStream<ImageArchiveChunk__Output, LoadImagesResponse>,
      callback: grpc.sendUnaryData<LoadImagesResponse>,
    ) => {
      receiveArchive(svc, call).then(
        (images) => {
          log.info('images loaded', { images: images.map((i) => i.id) });
          callback(null, {
            images: images.map((i) => ({ ...summary(i), repoTags: i.loadedTags })),
          });
        },
        (err: unknown) => {
          callback(toGrpcError(err));
        },
      );
    },
    saveStream: serverStream<SaveImagesRequest__Output, ImageArchiveChunk>(
      async (req, call, signal) => {
        const tmp = path.join(svc.root, 'ingest', `tmp-save-${randomBytes(6).toString('hex')}`);
        try {
          await svc.save(req.references, tmp, { gzip: req.gzip });
          for await (const chunk of createReadStream(tmp, { highWaterMark: archiveChunkBytes })) {
            signal.throwIfAborted();
            await send(call, { data: chunk as Buffer }, { signal });
          }
        } finally {
          await fs.rm(tmp, { force: true });
        }
      },
    ),
  };
}

/** Pull, Push and RegistryLogin. */
function registryHandlers(svc: ImageService, log: Logger): grpc.UntypedServiceImplementation {
  return {
    pull: serverStream<PullImageRequest__Output, PullImageResponse>(async (req, call, signal) => {
      const img = await pullImage(svc, req.reference, {
        credentials: credentials(req.auth),
        insecure: req.insecure,
        platform: req.platform === '' ? undefined : parsePlatform(req.platform),
        onProgress: throttled((e) => call.write({ progress: progress(e) })),
        signal,
      });
      log.info('image pulled', { reference: req.reference, id: img.id });
      call.write({ image: summary(img) });
    }),
    push: serverStream<PushImageRequest__Output, PushImageResponse>(async (req, call, signal) => {
      const { digest } = await pushImage(svc, req.reference, {
        credentials: credentials(req.auth),
        insecure: req.insecure,
        onProgress: throttled((e) => call.write({ progress: progress(e) })),
        signal,
      });
      log.info('image pushed', { reference: req.reference, digest });
      call.write({ digest });
    }),
    registryLogin: unary<RegistryLoginRequest__Output, object>(async (req) => {
      const client = new RegistryClient(req.registry, {
        credentials: credentials(req.auth),
        insecure: req.insecure || svc.insecureRegistries.includes(req.registry),
      });
      await client.ping();
      return {};
    }),
  };
}

/** The Images service over the node's image store. */
export function imageServices(svc: ImageService, log: Logger): ServiceBinding[] {
  const implementation = {
    list: unary<unknown, ListImagesResponse>(async () => ({
      images: (await svc.list()).map(summary),
    })),
    inspect: unary<InspectImageRequest__Output, InspectImageResponse>(async (req) => ({
      json: JSON.stringify(await svc.resolve(req.reference)),
    })),
    ...archiveHandlers(svc, log),
    tag: unary<TagImageRequest__Output, object>(async (req) => {
      await svc.tag(req.source, req.target);
      return {};
    }),
    remove: unary<RemoveImageRequest__Output, RemoveImageResponse>(async (req) =>
      svc.remove(req.reference, { force: req.force }),
    ),
    prune: unary<PruneImagesRequest__Output, PruneImagesResponse>(async (req) => {
      const r = await svc.prune({ all: req.all });
      return { deleted: r.deleted, reclaimedBytes: String(r.reclaimedBytes) };
    }),
    ...registryHandlers(svc, log),
  };
  return [{ definition: serviceDefinition('images', 'Images'), implementation }];
}

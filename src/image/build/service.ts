/**
 * The `builder` daemon component: serves `tsorch.v1.Builder` on the local socket. Builds read
 * the context directory named in the request, run their RUN steps with runc under
 * `${run}/build-runc`, keep their cache under `${root}/image/build-cache`, and store the result
 * in the `images` component's store.
 *
 * @module
 */
import * as path from 'node:path';
import { serverStream, unary } from '../../api/errors.js';
import type { BuildRequest__Output } from '../../api/gen/tsorch/v1/BuildRequest.js';
import type { BuildResponse } from '../../api/gen/tsorch/v1/BuildResponse.js';
import type { PruneBuildCacheResponse } from '../../api/gen/tsorch/v1/PruneBuildCacheResponse.js';
import { serviceDefinition } from '../../api/proto.js';
import type { ComponentFactory } from '../../daemon/component.js';
import { ConflictError, InvalidArgumentError } from '../../util/errors.js';
import type { ImageService } from '../image-service.js';
import { parseReference } from '../../util/image-reference.js';
import { buildImage } from './builder.js';
import { BuildCache } from './cache.js';
import { StoreAdapter } from './store-adapter.js';
import type { BuildEvent } from './types.js';

function toResponse(e: BuildEvent): BuildResponse {
  switch (e.type) {
    case 'step':
      return {
        step: { stage: e.stage, step: e.step, total: e.total, text: e.text, cached: e.cached },
      };
    case 'output':
      return { output: e.text };
    case 'done':
      return { imageId: e.imageId };
  }
}

/**
 * Checks a request's fields before any work starts.
 *
 * @throws {InvalidArgumentError} naming the field.
 */
function validate(req: BuildRequest__Output): void {
  if (!path.isAbsolute(req.contextDir)) {
    throw new InvalidArgumentError(
      `Invalid context_dir "${req.contextDir}": must be an absolute path`,
    );
  }
  if (
    req.dockerfile !== '' &&
    (path.isAbsolute(req.dockerfile) || req.dockerfile.split('/').includes('..'))
  ) {
    throw new InvalidArgumentError(
      `Invalid dockerfile "${req.dockerfile}": must be a path inside the build context`,
    );
  }
  for (const tag of req.tags) {
    try {
      if (parseReference(tag).digest !== undefined) throw new Error('digest');
    } catch (err) {
      throw new InvalidArgumentError(`Invalid tag "${tag}": use name[:tag]`, { cause: err });
    }
  }
}

/** The builder component; needs the `images` component before it. */
export const builderComponent: ComponentFactory = {
  name: 'builder',
  create(ctx) {
    const images = ctx.require<ImageService>('images');
    let running = 0;
    const implementation = {
      build: serverStream<BuildRequest__Output, BuildResponse>(async (req, call, signal) => {
        validate(req);
        const adapter = new StoreAdapter(images);
        const started = Date.now();
        running++;
        let result;
        try {
          result = await buildImage({
            root: ctx.config.root,
            runtimeRoot: path.join(ctx.config.run, 'build-runc'),
            runtime: 'runc',
            contextDir: req.contextDir,
            ...(req.dockerfile === '' ? {} : { dockerfile: req.dockerfile }),
            tags: req.tags,
            buildArgs: req.buildArgs,
            ...(req.target === '' ? {} : { target: req.target }),
            noCache: req.noCache,
            baseImages: adapter,
            sink: adapter,
            onEvent: (e) => call.write(toResponse(e)),
            signal,
          });
        } finally {
          running--;
        }
        ctx.log.info('image built', {
          id: result.imageId,
          tags: req.tags,
          ms: Date.now() - started,
        });
      }),
      prune: unary<unknown, PruneBuildCacheResponse>(async () => {
        if (running > 0) {
          throw new ConflictError(`Cannot prune the build cache: ${running} build(s) running`, {
            hint: 'Wait for the builds to finish, then prune again',
          });
        }
        const r = await new BuildCache(path.join(ctx.config.root, 'image')).prune();
        ctx.log.info('build cache pruned', r);
        return { ...r, reclaimedBytes: String(r.reclaimedBytes) };
      }),
    };
    return {
      name: 'builder',
      services: [{ definition: serviceDefinition('build', 'Builder'), implementation }],
    };
  },
};

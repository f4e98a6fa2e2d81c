/**
 * gRPC handlers of `tsorch.v1.Builder` over the node's {@link Builder}: check the request's
 * fields, build, and stream the progress back.
 *
 * @module
 */
import * as path from 'node:path';
import type { BuildEvent, Builder } from '../../image/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { parseReference } from '../../util/image-reference.js';
import { serverStream, unary } from '../errors.js';
import type { BuildRequest__Output } from '../gen/tsorch/v1/BuildRequest.js';
import type { BuildResponse } from '../gen/tsorch/v1/BuildResponse.js';
import type { PruneBuildCacheResponse } from '../gen/tsorch/v1/PruneBuildCacheResponse.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';

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

/** The Builder service over the node's builder. */
export function buildServices(builder: Builder): ServiceBinding[] {
  const implementation = {
    build: serverStream<BuildRequest__Output, BuildResponse>(async (req, call, signal) => {
      validate(req);
      await builder.build(
        {
          contextDir: req.contextDir,
          ...(req.dockerfile === '' ? {} : { dockerfile: req.dockerfile }),
          tags: req.tags,
          buildArgs: req.buildArgs,
          ...(req.target === '' ? {} : { target: req.target }),
          noCache: req.noCache,
        },
        { onEvent: (e) => call.write(toResponse(e)), signal },
      );
    }),
    prune: unary<unknown, PruneBuildCacheResponse>(async () => {
      const r = await builder.pruneCache();
      return { ...r, reclaimedBytes: String(r.reclaimedBytes) };
    }),
  };
  return [{ definition: serviceDefinition('build', 'Builder'), implementation }];
}

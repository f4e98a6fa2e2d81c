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
import type * as grpc from '@grpc/grpc-js';
import { serverStream, toGrpcError, unary } from '../errors.js';
import type { BuildStreamRequest__Output } from '../gen/tsorch/v1/BuildStreamRequest.js';
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
function validate(req: BuildRequest__Output, streamed = false): void {
  if (streamed ? req.contextDir !== '' : !path.isAbsolute(req.contextDir)) {
    throw new InvalidArgumentError(
      streamed
        ? `Invalid context_dir "${req.contextDir}": a streamed build sends its context, not a path`
        : `Invalid context_dir "${req.contextDir}": must be an absolute path`,
      { details: { field: 'context_dir' } },
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

/** The build options of a request, as the builder takes them. */
function requestOf(req: BuildRequest__Output) {
  return {
    ...(req.dockerfile === '' ? {} : { dockerfile: req.dockerfile }),
    tags: req.tags,
    buildArgs: req.buildArgs,
    ...(req.target === '' ? {} : { target: req.target }),
    noCache: req.noCache,
  };
}

type StreamCall = grpc.ServerDuplexStream<BuildStreamRequest__Output, BuildResponse>;

/** The context's bytes: every `context` message after the options, to the client's end. */
async function* contextChunks(
  messages: AsyncIterator<BuildStreamRequest__Output>,
): AsyncGenerator<Uint8Array> {
  for (;;) {
    const next = await messages.next();
    if (next.done === true) return;
    const m = next.value;
    if (m.event !== 'context' || m.context === undefined) {
      throw new InvalidArgumentError('After the options, BuildStream takes only "context" bytes', {
        details: { field: 'context' },
      });
    }
    yield m.context;
  }
}

/** BuildStream: options first, then the context's tar; the responses are Build's. */
async function buildStream(builder: Builder, call: StreamCall): Promise<void> {
  const abort = new AbortController();
  call.on('cancelled', () => abort.abort());
  // Not the default iterator: at the end of the requests it would destroy the call, and the
  // responses with it.
  const messages = (
    call.iterator({ destroyOnReturn: false }) as AsyncIterable<BuildStreamRequest__Output>
  )[Symbol.asyncIterator]();
  const first = await messages.next();
  const options = first.done === true ? undefined : first.value.options;
  if (options === undefined || options === null) {
    throw new InvalidArgumentError('The first BuildStream message must hold the options', {
      details: { field: 'options' },
    });
  }
  validate(options, true);
  await builder.buildFromArchive(requestOf(options), contextChunks(messages), {
    onEvent: (e) => call.write(toResponse(e)),
    signal: abort.signal,
  });
  call.end();
}

/** The Builder service over the node's builder. */
export function buildServices(builder: Builder): ServiceBinding[] {
  const implementation = {
    build: serverStream<BuildRequest__Output, BuildResponse>(async (req, call, signal) => {
      validate(req);
      await builder.build(
        { contextDir: req.contextDir, ...requestOf(req) },
        { onEvent: (e) => call.write(toResponse(e)), signal },
      );
    }),
    buildStream: (call: StreamCall) => {
      buildStream(builder, call).catch((err: unknown) => {
        call.emit('error', toGrpcError(err));
      });
    },
    prune: unary<unknown, PruneBuildCacheResponse>(async () => {
      const r = await builder.pruneCache();
      return { ...r, reclaimedBytes: String(r.reclaimedBytes) };
    }),
  };
  return [{ definition: serviceDefinition('build', 'Builder'), implementation }];
}

/**
 * Loading of tsorch's protobuf definitions (proto/tsorch/v1/*.proto). The load options are
 * declared once here and passed unchanged to the type generator (scripts/gen-proto.ts), so the
 * generated types in src/api/gen describe exactly what the loader produces.
 *
 * Files are loaded one at a time and cached, so a CLI command pays only for the services it uses.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { assert } from '../util/assert.js';

/** Options shared by the runtime loader and the type generator. */
export const protoLoadOptions = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies protoLoader.Options;

/** The same options as command-line flags of `proto-loader-gen-types`. */
export const protoGenFlags = ['--longs=String', '--enums=String', '--defaults', '--oneofs'];

function findProtoRoot(): string {
  // Works from src/api (tsx, vitest) and from dist/src/api (built CLI): walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'proto'))) {
      return join(dir, 'proto');
    }
    dir = dirname(dir);
  }
  throw new Error('Cannot find the proto/ directory of the tsorch package');
}

let protoRoot: string | undefined;

/** The absolute path of the package's proto/ directory. */
export function protoDir(): string {
  protoRoot ??= findProtoRoot();
  return protoRoot;
}

const loaded = new Map<string, grpc.GrpcObject>();

/**
 * Loads one proto file (path relative to proto/, e.g. `tsorch/v1/system.proto`).
 *
 * @returns the gRPC package object tree rooted at the top-level package.
 */
export function loadProtoFile(file: string): grpc.GrpcObject {
  let pkg = loaded.get(file);
  if (pkg === undefined) {
    const definition = protoLoader.loadSync(file, {
      ...protoLoadOptions,
      includeDirs: [protoDir()],
    });
    pkg = grpc.loadPackageDefinition(definition);
    loaded.set(file, pkg);
  }
  return pkg;
}

/**
 * Returns the client constructor of a service, e.g. `serviceClient('system', 'System')` for
 * `tsorch.v1.System` in proto/tsorch/v1/system.proto. Its `.service` is the server definition.
 */
export function serviceClient(file: string, service: string): grpc.ServiceClientConstructor {
  const pkg = loadProtoFile(`tsorch/v1/${file}.proto`);
  const v1 = (pkg['tsorch'] as grpc.GrpcObject | undefined)?.['v1'] as grpc.GrpcObject | undefined;
  const ctor = v1?.[service];
  assert(typeof ctor === 'function', `Service "tsorch.v1.${service}" not found in ${file}.proto`);
  return ctor;
}

/** The server-side definition of a service (see {@link serviceClient}). */
export function serviceDefinition(file: string, service: string): grpc.ServiceDefinition {
  return serviceClient(file, service).service;
}

/** A gRPC service the daemon serves: its definition and handlers. */
export interface ServiceBinding {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

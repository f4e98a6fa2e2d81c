/**
 * A real grpc-js server on 127.0.0.1 behind mutual TLS and the role check, with a tiny test
 * service, for the CA integration tests.
 *
 * @module
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  createAuthorizationInterceptor,
  createClientCredentials,
  createServerCredentials,
  policyFor,
  type TlsIdentity,
} from '../../src/api/tls.js';
import { protoLoadOptions } from '../../src/api/proto.js';
import type { TestNode } from '../../src/manager/ca/test-fixtures.js';

const PROBE_PROTO = `syntax = "proto3";
package catest;
service Probe {
  rpc Manage(Msg) returns (Msg);
  rpc Work(Msg) returns (Msg);
  rpc Watch(Msg) returns (stream Msg);
  rpc Unlisted(Msg) returns (Msg);
  rpc Join(Msg) returns (Msg);
}
message Msg { string text = 1; }
`;

/** Who may call what on the probe service. */
export const PROBE_POLICY = policyFor('catest.Probe', {
  Manage: ['manager'],
  Work: ['manager', 'worker'],
  Watch: ['worker'],
  Join: ['anonymous', 'worker', 'manager'],
});

/** A message of the probe service. */
export interface Msg {
  text: string;
}

/** A running probe server. */
export interface ProbeServer {
  port: number;
  /** Calls that reached a handler, by method name. */
  handled: string[];
  client: grpc.ServiceClientConstructor;
  close(): Promise<void>;
}

/** Loads the probe service from an inline .proto written to a temp dir. */
async function loadProbe(): Promise<grpc.ServiceClientConstructor> {
  const dir = await mkdtemp(join(tmpdir(), 'tsorch-ca-proto-'));
  try {
    const file = join(dir, 'probe.proto');
    await writeFile(file, PROBE_PROTO);
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(file, protoLoadOptions));
    return (pkg['catest'] as grpc.GrpcObject)['Probe'] as grpc.ServiceClientConstructor;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Starts a probe server with `identity` for the cluster `clusterId`. */
export async function startProbeServer(
  identity: TlsIdentity | grpc.ServerCredentials,
  clusterId: string,
): Promise<ProbeServer> {
  const credentials =
    identity instanceof grpc.ServerCredentials ? identity : createServerCredentials(identity);
  const client = await loadProbe();
  const handled: string[] = [];
  const server = new grpc.Server({
    interceptors: [createAuthorizationInterceptor(PROBE_POLICY, { clusterId })],
  });
  const echo =
    (name: string): grpc.handleUnaryCall<Msg, Msg> =>
    (call, callback) => {
      handled.push(name);
      callback(null, { text: `${name}:${call.request.text}` });
    };
  server.addService(client.service, {
    Manage: echo('Manage'),
    Work: echo('Work'),
    Unlisted: echo('Unlisted'),
    Join: echo('Join'),
    Watch: (call: grpc.ServerWritableStream<Msg, Msg>) => {
      handled.push('Watch');
      call.write({ text: 'one' });
      call.end();
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', credentials, (err, bound) => {
      if (err === null) resolve(bound);
      else reject(err);
    });
  });
  return {
    port,
    handled,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}

/** The TLS identity of a test node trusting `rootsPem`. */
export function identityOf(node: TestNode, rootsPem: readonly string[]): TlsIdentity {
  return { certChainPem: node.certChainPem, key: node.key, trustedRootsPem: rootsPem.join('\n') };
}

/** How a call ended: the reply text, or the gRPC status code and details. */
export type Outcome = { ok: string } | { code: grpc.status; details: string };

/** Calls a unary method with a 5 s deadline. */
export async function callUnary(
  server: ProbeServer,
  method: 'Manage' | 'Work' | 'Unlisted' | 'Join',
  tls: { credentials: grpc.ChannelCredentials; options: grpc.ChannelOptions },
): Promise<Outcome> {
  const client = new server.client(`127.0.0.1:${server.port}`, tls.credentials, tls.options);
  try {
    return await new Promise<Outcome>((resolve) => {
      const fn = client[method] as (
        req: Msg,
        opts: grpc.CallOptions,
        cb: (err: grpc.ServiceError | null, res?: Msg) => void,
      ) => void;
      fn.call(client, { text: 'hi' }, { deadline: Date.now() + 5000 }, (err, res) => {
        resolve(err === null ? { ok: res?.text ?? '' } : { code: err.code, details: err.details });
      });
    });
  } finally {
    client.close();
  }
}

/** Reads the whole Watch stream with a 5 s deadline. */
export async function callWatch(
  server: ProbeServer,
  tls: { credentials: grpc.ChannelCredentials; options: grpc.ChannelOptions },
): Promise<Outcome> {
  const client = new server.client(`127.0.0.1:${server.port}`, tls.credentials, tls.options);
  try {
    return await new Promise<Outcome>((resolve) => {
      const texts: string[] = [];
      const fn = client['Watch'] as (
        req: Msg,
        opts: grpc.CallOptions,
      ) => grpc.ClientReadableStream<Msg>;
      const stream = fn.call(client, { text: 'hi' }, { deadline: Date.now() + 5000 });
      stream.on('data', (m: Msg) => texts.push(m.text));
      stream.on('error', (err: grpc.ServiceError) =>
        resolve({ code: err.code, details: err.details }),
      );
      stream.on('end', () => resolve({ ok: texts.join(',') }));
    });
  } finally {
    client.close();
  }
}

/** Client TLS for a node. */
export const clientTls = createClientCredentials;

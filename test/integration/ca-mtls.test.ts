/**
 * Mutual TLS and per-RPC role checks on a real grpc-js server (issue 10): each refusal the issue
 * lists gets a test, plus the success paths. No root needed: the server binds 127.0.0.1:0.
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestCluster,
  issueTestNode,
  newTestId,
  type TestCluster,
  type TestNode,
} from '../../src/manager/ca/test-fixtures.js';
import { createRootCa, crossSignRoot } from '../../src/manager/index.js';
import {
  TlsIdentitySource,
  createReloadableClientCredentials,
  createReloadableServerCredentials,
} from '../../src/api/tls.js';
import {
  callUnary,
  callWatch,
  clientTls,
  identityOf,
  startProbeServer,
  type ProbeServer,
} from './ca-harness.js';

const HOUR_MS = 3600 * 1000;

let cluster: TestCluster;
let manager: TestNode;
let worker: TestNode;
const servers: ProbeServer[] = [];

beforeAll(async () => {
  const now = new Date();
  cluster = await createTestCluster(now);
  manager = await issueTestNode(cluster, { role: 'manager', now });
  worker = await issueTestNode(cluster, { role: 'worker', now });
});

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Starts a probe server as `node`, trusting `roots`, cleaned up after the test. */
async function serve(
  node: TestNode,
  roots: readonly string[],
  clusterId = cluster.clusterId,
): Promise<ProbeServer> {
  const server = await startProbeServer(identityOf(node, roots), clusterId);
  servers.push(server);
  return server;
}

const managerServer = (): Promise<ProbeServer> => serve(manager, [cluster.root.certPem]);

/** A TLS client that trusts the cluster root but presents no certificate (a joining node). */
const anonymousTls = () => ({
  credentials: grpc.credentials.createSsl(Buffer.from(cluster.root.certPem)),
  options: tlsFor(worker).options,
});

const tlsFor = (node: TestNode, roots = [cluster.root.certPem]) =>
  clientTls(identityOf(node, roots));

describe('mutual TLS between nodes', () => {
  it('lets each role call the RPCs open to it, unary and streaming', async () => {
    const server = await managerServer();
    expect(await callUnary(server, 'Manage', tlsFor(manager))).toEqual({ ok: 'Manage:hi' });
    expect(await callUnary(server, 'Work', tlsFor(worker))).toEqual({ ok: 'Work:hi' });
    expect(await callUnary(server, 'Work', tlsFor(manager))).toEqual({ ok: 'Work:hi' });
    expect(await callWatch(server, tlsFor(worker))).toEqual({ ok: 'one' });
    expect(server.handled).toEqual(['Manage', 'Work', 'Work', 'Watch']);
  });

  it('refuses a worker certificate calling a manager RPC with PERMISSION_DENIED', async () => {
    const server = await managerServer();
    const outcome = await callUnary(server, 'Manage', tlsFor(worker));
    expect(outcome).toEqual({
      code: grpc.status.PERMISSION_DENIED,
      details: `Permission denied: RPC "/catest.Probe/Manage" is for manager nodes, and node "${worker.nodeId}" is a worker`,
    });
    expect(server.handled).toEqual([]);
  });

  it('refuses a role outside a streaming RPC and any RPC missing from the policy', async () => {
    const server = await managerServer();
    expect(await callWatch(server, tlsFor(manager))).toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
    });
    expect(await callUnary(server, 'Unlisted', tlsFor(manager))).toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
      details: expect.stringContaining('not open to any role') as unknown,
    });
    expect(server.handled).toEqual([]);
  });

  it('refuses a certificate from another CA at the handshake', async () => {
    const server = await managerServer();
    const other = await createTestCluster(new Date());
    const intruder = await issueTestNode(other, { role: 'manager', now: new Date() });
    // The intruder even trusts our root, so only the server's client-certificate check stops it.
    const outcome = await callUnary(server, 'Work', tlsFor(intruder, [cluster.root.certPem]));
    expect(outcome).toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(server.handled).toEqual([]);
  });

  it('refuses an expired certificate at the handshake', async () => {
    const server = await managerServer();
    const expired = await issueTestNode(cluster, {
      role: 'manager',
      now: new Date(Date.now() - 3 * HOUR_MS),
      validityMs: HOUR_MS,
    });
    expect(await callUnary(server, 'Work', tlsFor(expired))).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    expect(server.handled).toEqual([]);
  });

  it('refuses a certificate that is not valid yet (clock skew) at the handshake', async () => {
    const server = await managerServer();
    // Issued by a CA whose clock runs 3 hours ahead (certificates are backdated 1 hour).
    const early = await issueTestNode(cluster, {
      role: 'manager',
      now: new Date(Date.now() + 3 * HOUR_MS),
    });
    expect(await callUnary(server, 'Work', tlsFor(early))).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    expect(server.handled).toEqual([]);
  });

  it('refuses a TLS client without a certificate and a plaintext connection', async () => {
    const server = await managerServer();
    const anonymous = anonymousTls();
    expect(await callUnary(server, 'Work', anonymous)).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    const plaintext = { credentials: grpc.credentials.createInsecure(), options: {} };
    expect(await callUnary(server, 'Work', plaintext)).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    expect(server.handled).toEqual([]);
  });

  it('a client refuses a server presenting a worker certificate or another cluster root', async () => {
    const posing = await serve(worker, [cluster.root.certPem]);
    expect(await callUnary(posing, 'Work', tlsFor(manager))).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    const other = await createTestCluster(new Date());
    const foreign = await issueTestNode(other, { role: 'manager', now: new Date() });
    const foreignServer = await serve(foreign, [cluster.root.certPem], other.clusterId);
    expect(await callUnary(foreignServer, 'Work', tlsFor(manager))).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    expect([...posing.handled, ...foreignServer.handled]).toEqual([]);
  });
});

describe('root rotation over real TLS', () => {
  it('nodes still trusting only the old root talk to nodes certified under the new root', async () => {
    const now = new Date();
    const newRoot = await createRootCa({ now, clusterId: cluster.clusterId, rootId: newTestId() });
    const crossSignedPem = await crossSignRoot(cluster.root, newRoot.certPem, now);
    const signer = { ...newRoot, intermediatesPem: [crossSignedPem] };
    const both = [cluster.root.certPem, newRoot.certPem];
    // The manager renewed first: new certificate, trusts both roots.
    const renewed = await issueTestNode(cluster, { role: 'manager', now, signer });
    const server = await serve(renewed, both);
    // A worker that has not renewed yet: old certificate, trusts the old root only.
    expect(await callUnary(server, 'Work', tlsFor(worker, [cluster.root.certPem]))).toEqual({
      ok: 'Work:hi',
    });
    // A renewed worker calling a manager that still trusts only the old root.
    const oldServer = await managerServer();
    const renewedWorker = await issueTestNode(cluster, { role: 'worker', now, signer });
    expect(await callUnary(oldServer, 'Work', tlsFor(renewedWorker, both))).toEqual({
      ok: 'Work:hi',
    });
  });
});

describe('join port and live credential updates', () => {
  it('with an optional client certificate admits anonymous callers to join RPCs only', async () => {
    const source = new TlsIdentitySource(identityOf(manager, [cluster.root.certPem]));
    const creds = createReloadableServerCredentials(source, { clientCertificate: 'optional' });
    const server = await startProbeServer(creds, cluster.clusterId);
    servers.push(server);
    const anonymous = anonymousTls();
    expect(await callUnary(server, 'Join', anonymous)).toEqual({ ok: 'Join:hi' });
    expect(await callUnary(server, 'Work', anonymous)).toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
      details: expect.stringContaining('needs a node certificate') as unknown,
    });
    // A certificate of another CA passes the handshake here but gives no identity.
    const other = await createTestCluster(new Date());
    const intruder = await issueTestNode(other, { role: 'manager', now: new Date() });
    expect(await callUnary(server, 'Manage', tlsFor(intruder))).toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
    });
    expect(await callUnary(server, 'Work', tlsFor(worker))).toEqual({ ok: 'Work:hi' });
    expect(server.handled).toEqual(['Join', 'Work']);
  });

  it('with a required client certificate refuses anonymous join calls at the handshake', async () => {
    const server = await managerServer();
    const anonymous = anonymousTls();
    expect(await callUnary(server, 'Join', anonymous)).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
  });

  it('update() swaps a running server to a renewed certificate under a new root', async () => {
    const now = new Date();
    const newRoot = await createRootCa({ now, clusterId: cluster.clusterId, rootId: newTestId() });
    const source = new TlsIdentitySource(identityOf(manager, [cluster.root.certPem]));
    const server = await startProbeServer(
      createReloadableServerCredentials(source),
      cluster.clusterId,
    );
    servers.push(server);
    const newWorker = await issueTestNode(cluster, {
      role: 'worker',
      now,
      signer: { ...newRoot, intermediatesPem: [] },
    });
    expect(await callUnary(server, 'Work', tlsFor(worker))).toEqual({ ok: 'Work:hi' });
    // A node that trusts only the new root refuses the server's old certificate...
    expect(await callUnary(server, 'Work', tlsFor(newWorker, [newRoot.certPem]))).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    const renewed = await issueTestNode(cluster, {
      role: 'manager',
      now,
      signer: { ...newRoot, intermediatesPem: [] },
    });
    source.update(identityOf(renewed, [newRoot.certPem]));
    // ...and accepts it once the server renewed, without a restart.
    expect(await callUnary(server, 'Work', tlsFor(newWorker, [newRoot.certPem]))).toEqual({
      ok: 'Work:hi',
    });
    // The old worker certificate is no longer trusted by the server.
    expect(await callUnary(server, 'Work', tlsFor(worker))).toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
  });

  it('reloadable client credentials present a renewed certificate on the next connection', async () => {
    const now = new Date();
    const newRoot = await createRootCa({ now, clusterId: cluster.clusterId, rootId: newTestId() });
    const signer = { ...newRoot, intermediatesPem: [] };
    const newManager = await issueTestNode(cluster, { role: 'manager', now, signer });
    const server = await serve(newManager, [newRoot.certPem]);
    const source = new TlsIdentitySource(identityOf(worker, [cluster.root.certPem]));
    const tls = createReloadableClientCredentials(source);
    // The old certificate and root do not pass the new-root server's handshake...
    expect(await callUnary(server, 'Work', tls)).toMatchObject({ code: grpc.status.UNAVAILABLE });
    const renewed = await issueTestNode(cluster, { role: 'worker', now, signer });
    source.update(identityOf(renewed, [newRoot.certPem]));
    // ...the same credentials object, updated in place, does.
    expect(await callUnary(server, 'Work', tls)).toEqual({ ok: 'Work:hi' });
  });
});

/**
 * The cluster CA as the manager keeps it in the Cluster object: which key signs node
 * certificates, which roots nodes must trust, and the root rotation of `swarm ca --rotate`
 * (ADR 032, swarmkit's shape): a new root cross-signed by the old one, certificates issued under
 * the new root carrying the cross-signed certificate, the old root trusted until every node
 * renewed under the new one.
 *
 * @module
 */
import type { CaStatus } from '../api/gen/tsorch/v1/CaStatus.js';
import {
  createRootCa,
  crossSignRoot,
  formatId,
  ID_RANDOM_BYTES,
  loadRootCa,
  retargetJoinTokens,
  type SigningCa,
} from '../manager/index.js';
import type { Cluster, JoinTokens, RootCa } from '../store/index.js';
import { TsorchError } from '../util/errors.js';

function keyPemOf(rootCa: RootCa): string {
  return new TextDecoder().decode(rootCa.keyPem);
}

/** The CA that signs node certificates now (with the cross-signed root during a rotation). */
export async function signerOf(cluster: Cluster): Promise<SigningCa> {
  const root = await loadRootCa(cluster.rootCa.certPem, keyPemOf(cluster.rootCa));
  const previous = cluster.rootCa.previous;
  return {
    certPem: root.certPem,
    key: root.key,
    intermediatesPem: previous === undefined ? [] : [previous.crossSignedPem],
  };
}

/** The roots nodes must trust, PEM: the current root, and the previous one during a rotation. */
export function trustBundle(rootCa: RootCa): string {
  const roots = [rootCa.previous?.certPem, rootCa.certPem].filter(
    (pem): pem is string => pem !== undefined,
  );
  return roots.map((pem) => pem.trim()).join('\n') + '\n';
}

/** What a root rotation writes to the Cluster object. */
export interface RotatedCa {
  rootCa: RootCa;
  joinTokens: JoinTokens;
}

/**
 * Creates a new root, cross-signs it with the current one, lists every node as pending and
 * re-targets the join tokens (their secrets stay).
 *
 * @throws {TsorchError} FAILED_PRECONDITION while a rotation is still in progress.
 */
export async function rotateRootCa(
  cluster: Cluster,
  nodeIds: readonly string[],
  options: { now: Date; randomBytes: (n: number) => Uint8Array },
): Promise<RotatedCa> {
  const previous = cluster.rootCa.previous;
  if (previous !== undefined) {
    throw new TsorchError(
      'FAILED_PRECONDITION',
      `A root CA rotation is in progress: ${previous.pendingNodeIds.length} node(s) still hold a certificate under the previous root`,
      {
        hint: 'wait until "tsorch swarm ca" shows no pending node (a node that is gone for good: "tsorch node rm" it)',
      },
    );
  }
  const oldRoot = await loadRootCa(cluster.rootCa.certPem, keyPemOf(cluster.rootCa));
  const newRoot = await createRootCa({
    now: options.now,
    clusterId: cluster.id,
    rootId: formatId(options.randomBytes(ID_RANDOM_BYTES)),
  });
  const crossSignedPem = await crossSignRoot(oldRoot, newRoot.certPem, options.now);
  return {
    rootCa: {
      certPem: newRoot.certPem,
      keyPem: new TextEncoder().encode(newRoot.key.toPkcs8Pem()),
      digest: `sha256:${newRoot.digest}`,
      previous: {
        certPem: cluster.rootCa.certPem,
        digest: cluster.rootCa.digest,
        crossSignedPem,
        pendingNodeIds: [...nodeIds],
      },
    },
    joinTokens: retargetJoinTokens(cluster.joinTokens, newRoot.digest),
  };
}

/**
 * The root CA after `nodeId` got a certificate under the current root: it leaves the pending
 * list, as do nodes no longer in the cluster (`liveNodeIds`); with none left the previous root
 * is dropped and the rotation is over. PURE.
 */
export function afterRenewal(
  rootCa: RootCa,
  nodeId: string,
  liveNodeIds: ReadonlySet<string>,
): RootCa {
  const previous = rootCa.previous;
  if (previous === undefined) return rootCa;
  const pendingNodeIds = previous.pendingNodeIds.filter(
    (id) => id !== nodeId && liveNodeIds.has(id),
  );
  if (pendingNodeIds.length === 0) {
    const { previous: _dropped, ...rest } = rootCa;
    return rest;
  }
  return { ...rootCa, previous: { ...previous, pendingNodeIds } };
}

/** `swarm ca` as the API answers it. */
export function caStatus(rootCa: RootCa): CaStatus {
  return {
    rootCertPem: rootCa.certPem,
    rootDigest: rootCa.digest,
    rotating: rootCa.previous !== undefined,
    previousRootDigest: rootCa.previous?.digest ?? '',
    pendingNodeIds: [...(rootCa.previous?.pendingNodeIds ?? [])],
  };
}

/**
 * The ingress routing mesh and host-mode published ports on a node (ADR 030): what to publish
 * (`meshNodePlan`, `meshPeers`, pure) and the adapter that writes it (`IngressMesh`).
 *
 * @module
 */
export { IngressMesh, type IngressMeshOptions } from './mesh.js';
export { meshNodePlan, meshPeers, type MeshNodeInput } from './plan.js';
export { IngressSync, type IngressNodeView } from './sync.js';
export type { LocalTask } from './plan.js';

/**
 * The control API's domain for the cluster's networks, secrets, configs and volumes (issues
 * 10, 11, 13): checked creates and removals as store transactions, lookups by name, id or id
 * prefix, and label-filtered lists. docs/adr/027-cluster-objects-api.md has the choices.
 *
 * @module
 */
export {
  attachedTasks,
  createConfig,
  createNetwork,
  createSecret,
  createVolume,
  objectSpecError,
  removeFileObject,
  removeNetwork,
  removeVolume,
  type NetworkCreateOptions,
  type ObjectWriteOptions,
  type VolumeRemoveOptions,
} from './control.js';
export { findObject, listObjects, type ObjectTable } from './lookup.js';
export { ingressNetworkSpec } from './ingress.js';
export {
  ENCRYPTED_OPTION,
  ENCRYPTED_OVERLAY_REFUSAL,
  INGRESS_DEFAULT_SUBNET,
  INGRESS_NETWORK_NAME,
  fileObjectIssues,
  networkSpecIssues,
  volumeSpecIssues,
  type ObjectKind,
} from './validate.js';

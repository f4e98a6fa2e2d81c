/**
 * The cluster CA: root CA, node certificates from CSRs, join tokens, renewal schedule, root
 * rotation, and the node credential files. See docs/design/security.md.
 *
 * @module
 */
export {
  CaError,
  ID_RANDOM_BYTES,
  MANAGER_SERVER_NAME,
  ROLE_OU,
  formatId,
  isId,
  roleFromOu,
  type NodeIdentity,
  type NodeRole,
} from './identity.js';
export {
  JOIN_TOKEN_PREFIX,
  checkRootPin,
  createJoinTokens,
  parseJoinToken,
  retargetJoinTokens,
  rotateJoinToken,
  verifyJoinToken,
  type JoinTokens,
  type ParsedJoinToken,
} from './join-token.js';
export {
  RENEW_MAX_FRACTION,
  RENEW_MIN_FRACTION,
  nextRenewalAt,
  renewAt,
  renewDelayMs,
  renewRetryDelayMs,
  type CertValidity,
  type UnitRandom,
} from './renewal.js';
export { CertRenewer, type CertRenewerOptions, type RenewalTimers } from './renewer.js';
export { PrivateKey } from './private-key.js';
export {
  CERT_BACKDATE_MS,
  ROOT_CA_VALIDITY_MS,
  createRootCa,
  loadRootCa,
  pemCertificates,
  rootDigest,
  type CreateRootCaOptions,
  type RootCa,
} from './root-ca.js';
export {
  MIN_NODE_CERT_VALIDITY_MS,
  NODE_CERT_VALIDITY_MS,
  createCsr,
  createNodeKeyRequest,
  issueNodeCertificate,
  type IssueOptions,
  type IssuedCertificate,
  type NodeKeyRequest,
  type SigningCa,
} from './issue.js';
export { signJoinRequest, type JoinGrant, type JoinRequest, type SignJoinOptions } from './join.js';
export {
  certificateValidity,
  verifyNodeCertificate,
  type VerifiedCertificate,
  type VerifyOptions,
} from './verify.js';
export {
  advanceRootRotation,
  crossSignRoot,
  issuingPlan,
  nodesPendingRotation,
  startRootRotation,
  trustedRoots,
  type IssuingPlan,
  type NodeRootStatus,
  type RootRef,
  type RootState,
} from './root-rotation.js';
export {
  CREDENTIAL_FILES,
  KEY_FILE_MODE,
  loadNodeCredentials,
  saveNodeCredentials,
  writeFileAtomic,
  writeKeyFile,
  type NodeCredentials,
} from './key-files.js';
export { initClusterCa, type ClusterCaInit, type InitClusterCaOptions } from './init.js';
export { joinCluster, type JoinResult, type JoinTransport } from './joiner.js';

// Original file: tsorch/v1/cluster.proto

import type { RaftMember as _tsorch_v1_RaftMember, RaftMember__Output as _tsorch_v1_RaftMember__Output } from '../../tsorch/v1/RaftMember.js';

export interface IssueNodeCertificateResponse {
  'certChainPem'?: (string);
  'nodeId'?: (string);
  'role'?: (string);
  'clusterId'?: (string);
  'raftId'?: (string);
  'members'?: (_tsorch_v1_RaftMember)[];
  'keyRingJson'?: (string);
  'trustedRootsPem'?: (string);
}

export interface IssueNodeCertificateResponse__Output {
  'certChainPem': (string);
  'nodeId': (string);
  'role': (string);
  'clusterId': (string);
  'raftId': (string);
  'members': (_tsorch_v1_RaftMember__Output)[];
  'keyRingJson': (string);
  'trustedRootsPem': (string);
}

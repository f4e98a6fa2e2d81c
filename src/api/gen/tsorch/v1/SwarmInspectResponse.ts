// Original file: tsorch/v1/cluster.proto

import type { ClusterInfo as _tsorch_v1_ClusterInfo, ClusterInfo__Output as _tsorch_v1_ClusterInfo__Output } from '../../tsorch/v1/ClusterInfo.js';

export interface SwarmInspectResponse {
  'cluster'?: (_tsorch_v1_ClusterInfo | null);
}

export interface SwarmInspectResponse__Output {
  'cluster': (_tsorch_v1_ClusterInfo__Output | null);
}

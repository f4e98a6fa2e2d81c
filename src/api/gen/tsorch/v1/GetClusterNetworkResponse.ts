// Original file: tsorch/v1/objects.proto

import type { ClusterNetworkInfo as _tsorch_v1_ClusterNetworkInfo, ClusterNetworkInfo__Output as _tsorch_v1_ClusterNetworkInfo__Output } from '../../tsorch/v1/ClusterNetworkInfo.js';

export interface GetClusterNetworkResponse {
  'network'?: (_tsorch_v1_ClusterNetworkInfo | null);
}

export interface GetClusterNetworkResponse__Output {
  'network': (_tsorch_v1_ClusterNetworkInfo__Output | null);
}

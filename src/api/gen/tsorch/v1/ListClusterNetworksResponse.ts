// Original file: tsorch/v1/objects.proto

import type { ClusterNetworkInfo as _tsorch_v1_ClusterNetworkInfo, ClusterNetworkInfo__Output as _tsorch_v1_ClusterNetworkInfo__Output } from '../../tsorch/v1/ClusterNetworkInfo.js';

export interface ListClusterNetworksResponse {
  'networks'?: (_tsorch_v1_ClusterNetworkInfo)[];
}

export interface ListClusterNetworksResponse__Output {
  'networks': (_tsorch_v1_ClusterNetworkInfo__Output)[];
}

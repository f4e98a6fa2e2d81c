// Original file: tsorch/v1/objects.proto

import type { ClusterNetworkSpec as _tsorch_v1_ClusterNetworkSpec, ClusterNetworkSpec__Output as _tsorch_v1_ClusterNetworkSpec__Output } from '../../tsorch/v1/ClusterNetworkSpec.js';

export interface CreateClusterNetworkRequest {
  'spec'?: (_tsorch_v1_ClusterNetworkSpec | null);
  'options'?: ({[key: string]: string});
}

export interface CreateClusterNetworkRequest__Output {
  'spec': (_tsorch_v1_ClusterNetworkSpec__Output | null);
  'options': ({[key: string]: string});
}

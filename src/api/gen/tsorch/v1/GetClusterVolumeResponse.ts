// Original file: tsorch/v1/objects.proto

import type { ClusterVolumeInfo as _tsorch_v1_ClusterVolumeInfo, ClusterVolumeInfo__Output as _tsorch_v1_ClusterVolumeInfo__Output } from '../../tsorch/v1/ClusterVolumeInfo.js';

export interface GetClusterVolumeResponse {
  'volume'?: (_tsorch_v1_ClusterVolumeInfo | null);
}

export interface GetClusterVolumeResponse__Output {
  'volume': (_tsorch_v1_ClusterVolumeInfo__Output | null);
}

// Original file: tsorch/v1/objects.proto

import type { ClusterVolumeInfo as _tsorch_v1_ClusterVolumeInfo, ClusterVolumeInfo__Output as _tsorch_v1_ClusterVolumeInfo__Output } from '../../tsorch/v1/ClusterVolumeInfo.js';

export interface ListClusterVolumesResponse {
  'volumes'?: (_tsorch_v1_ClusterVolumeInfo)[];
}

export interface ListClusterVolumesResponse__Output {
  'volumes': (_tsorch_v1_ClusterVolumeInfo__Output)[];
}

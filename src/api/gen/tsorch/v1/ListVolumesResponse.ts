// Original file: tsorch/v1/containers.proto

import type { VolumeInfo as _tsorch_v1_VolumeInfo, VolumeInfo__Output as _tsorch_v1_VolumeInfo__Output } from '../../tsorch/v1/VolumeInfo.js';

export interface ListVolumesResponse {
  'volumes'?: (_tsorch_v1_VolumeInfo)[];
}

export interface ListVolumesResponse__Output {
  'volumes': (_tsorch_v1_VolumeInfo__Output)[];
}

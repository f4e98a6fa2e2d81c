// Original file: tsorch/v1/containers.proto

import type { VolumeInfo as _tsorch_v1_VolumeInfo, VolumeInfo__Output as _tsorch_v1_VolumeInfo__Output } from '../../tsorch/v1/VolumeInfo.js';

export interface InspectVolumeResponse {
  'volume'?: (_tsorch_v1_VolumeInfo | null);
}

export interface InspectVolumeResponse__Output {
  'volume': (_tsorch_v1_VolumeInfo__Output | null);
}

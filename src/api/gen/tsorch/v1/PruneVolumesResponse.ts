// Original file: tsorch/v1/containers.proto

import type { Long } from '@grpc/proto-loader';

export interface PruneVolumesResponse {
  'removed'?: (string)[];
  'reclaimedBytes'?: (number | string | Long);
}

export interface PruneVolumesResponse__Output {
  'removed': (string)[];
  'reclaimedBytes': (string);
}

// Original file: tsorch/v1/build.proto

import type { Long } from '@grpc/proto-loader';

export interface PruneBuildCacheResponse {
  'removedSteps'?: (number);
  'removedLayers'?: (number);
  'reclaimedBytes'?: (number | string | Long);
}

export interface PruneBuildCacheResponse__Output {
  'removedSteps': (number);
  'removedLayers': (number);
  'reclaimedBytes': (string);
}

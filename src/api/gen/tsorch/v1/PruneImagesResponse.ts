// Original file: tsorch/v1/images.proto

import type { Long } from '@grpc/proto-loader';

export interface PruneImagesResponse {
  'deleted'?: (string)[];
  'reclaimedBytes'?: (number | string | Long);
}

export interface PruneImagesResponse__Output {
  'deleted': (string)[];
  'reclaimedBytes': (string);
}

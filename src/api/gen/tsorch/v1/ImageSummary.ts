// Original file: tsorch/v1/images.proto

import type { Long } from '@grpc/proto-loader';

export interface ImageSummary {
  'id'?: (string);
  'repoTags'?: (string)[];
  'repoDigests'?: (string)[];
  'created'?: (string);
  'sizeBytes'?: (number | string | Long);
}

export interface ImageSummary__Output {
  'id': (string);
  'repoTags': (string)[];
  'repoDigests': (string)[];
  'created': (string);
  'sizeBytes': (string);
}

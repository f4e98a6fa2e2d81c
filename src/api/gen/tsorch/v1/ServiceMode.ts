// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceMode {
  'kind'?: (string);
  'replicas'?: (number | string | Long);
  'maxConcurrent'?: (number | string | Long);
  'totalCompletions'?: (number | string | Long);
}

export interface ServiceMode__Output {
  'kind': (string);
  'replicas': (string);
  'maxConcurrent': (string);
  'totalCompletions': (string);
}

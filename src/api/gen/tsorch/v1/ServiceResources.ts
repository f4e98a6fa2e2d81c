// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceResources {
  'nanoCpus'?: (number | string | Long);
  'memoryBytes'?: (number | string | Long);
  'pids'?: (number | string | Long);
}

export interface ServiceResources__Output {
  'nanoCpus': (string);
  'memoryBytes': (string);
  'pids': (string);
}

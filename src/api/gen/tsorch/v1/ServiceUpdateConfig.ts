// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceUpdateConfig {
  'parallelism'?: (number | string | Long);
  'delayMs'?: (number | string | Long);
  'failureAction'?: (string);
  'monitorMs'?: (number | string | Long);
  'maxFailureRatio'?: (number | string);
  'order'?: (string);
}

export interface ServiceUpdateConfig__Output {
  'parallelism': (string);
  'delayMs': (string);
  'failureAction': (string);
  'monitorMs': (string);
  'maxFailureRatio': (number);
  'order': (string);
}

// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceRestartPolicy {
  'condition'?: (string);
  'delayMs'?: (number | string | Long);
  'maxAttempts'?: (number | string | Long);
  'windowMs'?: (number | string | Long);
}

export interface ServiceRestartPolicy__Output {
  'condition': (string);
  'delayMs': (string);
  'maxAttempts': (string);
  'windowMs': (string);
}

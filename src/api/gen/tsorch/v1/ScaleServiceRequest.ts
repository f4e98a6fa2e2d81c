// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface ScaleServiceRequest {
  'service'?: (string);
  'replicas'?: (number | string | Long);
}

export interface ScaleServiceRequest__Output {
  'service': (string);
  'replicas': (string);
}

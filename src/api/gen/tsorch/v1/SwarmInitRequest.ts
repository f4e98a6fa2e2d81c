// Original file: tsorch/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface SwarmInitRequest {
  'listenAddr'?: (string);
  'advertiseAddr'?: (string);
  'certExpiryMs'?: (number | string | Long);
  'autolock'?: (boolean);
}

export interface SwarmInitRequest__Output {
  'listenAddr': (string);
  'advertiseAddr': (string);
  'certExpiryMs': (string);
  'autolock': (boolean);
}

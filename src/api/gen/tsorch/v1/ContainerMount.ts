// Original file: tsorch/v1/containers.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerMount {
  'type'?: (string);
  'source'?: (string);
  'target'?: (string);
  'readonly'?: (boolean);
  'tmpfsSizeBytes'?: (number | string | Long);
}

export interface ContainerMount__Output {
  'type': (string);
  'source': (string);
  'target': (string);
  'readonly': (boolean);
  'tmpfsSizeBytes': (string);
}

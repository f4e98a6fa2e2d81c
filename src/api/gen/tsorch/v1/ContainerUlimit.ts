// Original file: tsorch/v1/containers.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerUlimit {
  'name'?: (string);
  'soft'?: (number | string | Long);
  'hard'?: (number | string | Long);
}

export interface ContainerUlimit__Output {
  'name': (string);
  'soft': (string);
  'hard': (string);
}

// Original file: tsorch/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

export interface ObjectMeta {
  'id'?: (string);
  'version'?: (number | string | Long);
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface ObjectMeta__Output {
  'id': (string);
  'version': (string);
  'createdAt': (string);
  'updatedAt': (string);
}

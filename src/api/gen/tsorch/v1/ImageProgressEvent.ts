// Original file: tsorch/v1/images.proto

import type { Long } from '@grpc/proto-loader';

export interface ImageProgressEvent {
  'id'?: (string);
  'status'?: (string);
  'currentBytes'?: (number | string | Long);
  'totalBytes'?: (number | string | Long);
}

export interface ImageProgressEvent__Output {
  'id': (string);
  'status': (string);
  'currentBytes': (string);
  'totalBytes': (string);
}

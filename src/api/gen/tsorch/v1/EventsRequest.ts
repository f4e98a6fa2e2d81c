// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface EventsRequest {
  'types'?: (string)[];
  'sinceVersion'?: (number | string | Long);
  'hasSince'?: (boolean);
}

export interface EventsRequest__Output {
  'types': (string)[];
  'sinceVersion': (string);
  'hasSince': (boolean);
}

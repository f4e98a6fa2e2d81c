// Original file: tsorch/v1/services.proto

import type { Long } from '@grpc/proto-loader';

export interface EventsResponse {
  'type'?: (string);
  'action'?: (string);
  'id'?: (string);
  'version'?: (number | string | Long);
  'time'?: (string);
  'attributes'?: ({[key: string]: string});
}

export interface EventsResponse__Output {
  'type': (string);
  'action': (string);
  'id': (string);
  'version': (string);
  'time': (string);
  'attributes': ({[key: string]: string});
}

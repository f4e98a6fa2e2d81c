// Original file: tsorch/v1/system.proto

import type { Long } from '@grpc/proto-loader';

export interface InfoResponse {
  'version'?: (string);
  'root'?: (string);
  'run'?: (string);
  'runtime'?: (string);
  'pid'?: (number | string | Long);
  'startedAt'?: (string);
  'components'?: (string)[];
  'hostname'?: (string);
}

export interface InfoResponse__Output {
  'version': (string);
  'root': (string);
  'run': (string);
  'runtime': (string);
  'pid': (string);
  'startedAt': (string);
  'components': (string)[];
  'hostname': (string);
}

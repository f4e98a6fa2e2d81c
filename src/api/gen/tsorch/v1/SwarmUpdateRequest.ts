// Original file: tsorch/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface SwarmUpdateRequest {
  'certExpiryMs'?: (number | string | Long);
  'snapshotIntervalEntries'?: (number | string | Long);
  'heartbeatPeriodMs'?: (number | string | Long);
  'taskHistoryLimit'?: (number | string | Long);
  'labelAdd'?: ({[key: string]: string});
  'labelRm'?: (string)[];
}

export interface SwarmUpdateRequest__Output {
  'certExpiryMs': (string);
  'snapshotIntervalEntries': (string);
  'heartbeatPeriodMs': (string);
  'taskHistoryLimit': (string);
  'labelAdd': ({[key: string]: string});
  'labelRm': (string)[];
}

// Original file: tsorch/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface ClusterInfo {
  'id'?: (string);
  'version'?: (number | string | Long);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'certExpiryMs'?: (number | string | Long);
  'snapshotIntervalEntries'?: (number | string | Long);
  'heartbeatPeriodMs'?: (number | string | Long);
  'taskHistoryLimit'?: (number | string | Long);
  'rootCaCertPem'?: (string);
  'rootCaDigest'?: (string);
}

export interface ClusterInfo__Output {
  'id': (string);
  'version': (string);
  'createdAt': (string);
  'updatedAt': (string);
  'name': (string);
  'labels': ({[key: string]: string});
  'certExpiryMs': (string);
  'snapshotIntervalEntries': (string);
  'heartbeatPeriodMs': (string);
  'taskHistoryLimit': (string);
  'rootCaCertPem': (string);
  'rootCaDigest': (string);
}

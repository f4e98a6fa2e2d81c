// Original file: tsorch/v1/containers.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerStatsResponse {
  'cpuUsageNs'?: (number | string | Long);
  'memoryUsageBytes'?: (number | string | Long);
  'memoryLimitBytes'?: (number | string | Long);
  'pidsCurrent'?: (number | string | Long);
  'pidsLimit'?: (number | string | Long);
  'readAt'?: (string);
}

export interface ContainerStatsResponse__Output {
  'cpuUsageNs': (string);
  'memoryUsageBytes': (string);
  'memoryLimitBytes': (string);
  'pidsCurrent': (string);
  'pidsLimit': (string);
  'readAt': (string);
}

// Original file: tsorch/v1/streams.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerStatsSample {
  'id'?: (string);
  'name'?: (string);
  'cpuPercent'?: (number | string);
  'memoryUsageBytes'?: (number | string | Long);
  'memoryLimitBytes'?: (number | string | Long);
  'memoryPercent'?: (number | string);
  'netRxBytes'?: (number | string | Long);
  'netTxBytes'?: (number | string | Long);
  'blockReadBytes'?: (number | string | Long);
  'blockWriteBytes'?: (number | string | Long);
  'pidsCurrent'?: (number | string | Long);
  'readAt'?: (string);
}

export interface ContainerStatsSample__Output {
  'id': (string);
  'name': (string);
  'cpuPercent': (number);
  'memoryUsageBytes': (string);
  'memoryLimitBytes': (string);
  'memoryPercent': (number);
  'netRxBytes': (string);
  'netTxBytes': (string);
  'blockReadBytes': (string);
  'blockWriteBytes': (string);
  'pidsCurrent': (string);
  'readAt': (string);
}

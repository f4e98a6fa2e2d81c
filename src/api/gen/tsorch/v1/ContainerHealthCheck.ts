// Original file: tsorch/v1/containers.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerHealthCheck {
  'test'?: (string)[];
  'intervalMs'?: (number | string | Long);
  'timeoutMs'?: (number | string | Long);
  'retries'?: (number);
  'startPeriodMs'?: (number | string | Long);
  'startIntervalMs'?: (number | string | Long);
}

export interface ContainerHealthCheck__Output {
  'test': (string)[];
  'intervalMs': (string);
  'timeoutMs': (string);
  'retries': (number);
  'startPeriodMs': (string);
  'startIntervalMs': (string);
}

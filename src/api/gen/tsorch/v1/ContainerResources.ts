// Original file: tsorch/v1/containers.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerResources {
  'memoryBytes'?: (number | string | Long);
  'memoryReservationBytes'?: (number | string | Long);
  'memorySwapBytes'?: (number | string | Long);
  'cpuQuotaUs'?: (number | string | Long);
  'cpuPeriodUs'?: (number | string | Long);
  'cpuShares'?: (number | string | Long);
  'cpusetCpus'?: (string);
  'cpusetMems'?: (string);
  'pidsLimit'?: (number | string | Long);
  'blkioWeight'?: (number | string | Long);
}

export interface ContainerResources__Output {
  'memoryBytes': (string);
  'memoryReservationBytes': (string);
  'memorySwapBytes': (string);
  'cpuQuotaUs': (string);
  'cpuPeriodUs': (string);
  'cpuShares': (string);
  'cpusetCpus': (string);
  'cpusetMems': (string);
  'pidsLimit': (string);
  'blkioWeight': (string);
}

// Original file: tsorch/v1/streams.proto

import type { ContainerStatsSample as _tsorch_v1_ContainerStatsSample, ContainerStatsSample__Output as _tsorch_v1_ContainerStatsSample__Output } from '../../tsorch/v1/ContainerStatsSample.js';

export interface StatsResponse {
  'samples'?: (_tsorch_v1_ContainerStatsSample)[];
}

export interface StatsResponse__Output {
  'samples': (_tsorch_v1_ContainerStatsSample__Output)[];
}

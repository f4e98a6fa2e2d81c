// Original file: tsorch/v1/containers.proto

import type { ContainerSummary as _tsorch_v1_ContainerSummary, ContainerSummary__Output as _tsorch_v1_ContainerSummary__Output } from '../../tsorch/v1/ContainerSummary.js';

export interface ListContainersResponse {
  'containers'?: (_tsorch_v1_ContainerSummary)[];
}

export interface ListContainersResponse__Output {
  'containers': (_tsorch_v1_ContainerSummary__Output)[];
}

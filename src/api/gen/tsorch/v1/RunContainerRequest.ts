// Original file: tsorch/v1/containers.proto

import type { ContainerSpec as _tsorch_v1_ContainerSpec, ContainerSpec__Output as _tsorch_v1_ContainerSpec__Output } from '../../tsorch/v1/ContainerSpec.js';

export interface RunContainerRequest {
  'spec'?: (_tsorch_v1_ContainerSpec | null);
}

export interface RunContainerRequest__Output {
  'spec': (_tsorch_v1_ContainerSpec__Output | null);
}

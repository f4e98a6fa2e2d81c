// Original file: tsorch/v1/containers.proto

import type { ContainerTopProcess as _tsorch_v1_ContainerTopProcess, ContainerTopProcess__Output as _tsorch_v1_ContainerTopProcess__Output } from '../../tsorch/v1/ContainerTopProcess.js';

export interface TopContainerResponse {
  'processes'?: (_tsorch_v1_ContainerTopProcess)[];
}

export interface TopContainerResponse__Output {
  'processes': (_tsorch_v1_ContainerTopProcess__Output)[];
}

// Original file: tsorch/v1/containers.proto

import type { CreateContainerResponse as _tsorch_v1_CreateContainerResponse, CreateContainerResponse__Output as _tsorch_v1_CreateContainerResponse__Output } from '../../tsorch/v1/CreateContainerResponse.js';
import type { ContainerLogsResponse as _tsorch_v1_ContainerLogsResponse, ContainerLogsResponse__Output as _tsorch_v1_ContainerLogsResponse__Output } from '../../tsorch/v1/ContainerLogsResponse.js';
import type { WaitContainerResponse as _tsorch_v1_WaitContainerResponse, WaitContainerResponse__Output as _tsorch_v1_WaitContainerResponse__Output } from '../../tsorch/v1/WaitContainerResponse.js';

export interface RunContainerResponse {
  'created'?: (_tsorch_v1_CreateContainerResponse | null);
  'output'?: (_tsorch_v1_ContainerLogsResponse | null);
  'exited'?: (_tsorch_v1_WaitContainerResponse | null);
  'event'?: "created"|"output"|"exited";
}

export interface RunContainerResponse__Output {
  'created'?: (_tsorch_v1_CreateContainerResponse__Output | null);
  'output'?: (_tsorch_v1_ContainerLogsResponse__Output | null);
  'exited'?: (_tsorch_v1_WaitContainerResponse__Output | null);
  'event'?: "created"|"output"|"exited";
}

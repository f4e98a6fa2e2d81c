// Original file: tsorch/v1/networks.proto

import type { PublishedPort as _tsorch_v1_PublishedPort, PublishedPort__Output as _tsorch_v1_PublishedPort__Output } from '../../tsorch/v1/PublishedPort.js';

export interface ContainerPortsResponse {
  'ports'?: (_tsorch_v1_PublishedPort)[];
}

export interface ContainerPortsResponse__Output {
  'ports': (_tsorch_v1_PublishedPort__Output)[];
}

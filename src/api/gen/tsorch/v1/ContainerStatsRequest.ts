// Original file: tsorch/v1/containers.proto


export interface ContainerStatsRequest {
  'container'?: (string);
}

export interface ContainerStatsRequest__Output {
  'container': (string);
}

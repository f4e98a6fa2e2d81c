// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface ContainerStatsRequest {
  'container'?: (string);
}

export interface ContainerStatsRequest__Output {
  'container': (string);
}

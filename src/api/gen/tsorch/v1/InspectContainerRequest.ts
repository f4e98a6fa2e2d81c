// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface InspectContainerRequest {
  'container'?: (string);
}

export interface InspectContainerRequest__Output {
  'container': (string);
}

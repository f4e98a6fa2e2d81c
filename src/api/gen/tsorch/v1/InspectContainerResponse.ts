// Original file: tsorch/v1/containers.proto


export interface InspectContainerResponse {
  'json'?: (string);
}

export interface InspectContainerResponse__Output {
  'json': (string);
}

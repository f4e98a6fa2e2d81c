// Original file: tsorch/v1/containers.proto


export interface ListContainersRequest {
  'all'?: (boolean);
}

export interface ListContainersRequest__Output {
  'all': (boolean);
}

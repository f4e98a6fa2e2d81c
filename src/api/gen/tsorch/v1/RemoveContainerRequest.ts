// Original file: tsorch/v1/containers.proto


export interface RemoveContainerRequest {
  'container'?: (string);
  'force'?: (boolean);
  'volumes'?: (boolean);
}

export interface RemoveContainerRequest__Output {
  'container': (string);
  'force': (boolean);
  'volumes': (boolean);
}

// Original file: tsorch/v1/containers.proto


export interface CreateContainerResponse {
  'id'?: (string);
  'name'?: (string);
  'warnings'?: (string)[];
}

export interface CreateContainerResponse__Output {
  'id': (string);
  'name': (string);
  'warnings': (string)[];
}

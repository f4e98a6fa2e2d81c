// Original file: tsorch/v1/objects.proto


export interface RemoveClusterVolumeResponse {
  'id'?: (string);
}

export interface RemoveClusterVolumeResponse__Output {
  'id': (string);
}

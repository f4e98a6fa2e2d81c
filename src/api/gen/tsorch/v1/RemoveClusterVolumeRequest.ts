// Original file: tsorch/v1/objects.proto


export interface RemoveClusterVolumeRequest {
  'volume'?: (string);
}

export interface RemoveClusterVolumeRequest__Output {
  'volume': (string);
}

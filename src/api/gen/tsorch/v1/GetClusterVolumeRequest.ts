// Original file: tsorch/v1/objects.proto


export interface GetClusterVolumeRequest {
  'volume'?: (string);
}

export interface GetClusterVolumeRequest__Output {
  'volume': (string);
}

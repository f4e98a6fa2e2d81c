// Original file: tsorch/v1/containers.proto


export interface RemoveVolumeRequest {
  'name'?: (string);
  'force'?: (boolean);
}

export interface RemoveVolumeRequest__Output {
  'name': (string);
  'force': (boolean);
}

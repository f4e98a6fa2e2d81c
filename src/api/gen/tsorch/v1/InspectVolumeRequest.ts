// Original file: tsorch/v1/containers.proto


export interface InspectVolumeRequest {
  'name'?: (string);
}

export interface InspectVolumeRequest__Output {
  'name': (string);
}

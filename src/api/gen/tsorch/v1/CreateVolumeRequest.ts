// Original file: tsorch/v1/containers.proto


export interface CreateVolumeRequest {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface CreateVolumeRequest__Output {
  'name': (string);
  'labels': ({[key: string]: string});
}

// Original file: tsorch/v1/objects.proto


export interface ListClusterVolumesRequest {
  'labels'?: (string)[];
}

export interface ListClusterVolumesRequest__Output {
  'labels': (string)[];
}

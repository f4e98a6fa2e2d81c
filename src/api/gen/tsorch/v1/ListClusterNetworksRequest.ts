// Original file: tsorch/v1/objects.proto


export interface ListClusterNetworksRequest {
  'labels'?: (string)[];
}

export interface ListClusterNetworksRequest__Output {
  'labels': (string)[];
}

// Original file: tsorch/v1/objects.proto


export interface GetClusterNetworkRequest {
  'network'?: (string);
}

export interface GetClusterNetworkRequest__Output {
  'network': (string);
}

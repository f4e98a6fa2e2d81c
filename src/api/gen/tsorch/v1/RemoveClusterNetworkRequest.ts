// Original file: tsorch/v1/objects.proto


export interface RemoveClusterNetworkRequest {
  'network'?: (string);
}

export interface RemoveClusterNetworkRequest__Output {
  'network': (string);
}

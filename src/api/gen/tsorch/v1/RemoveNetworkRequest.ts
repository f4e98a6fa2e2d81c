// Original file: tsorch/v1/networks.proto


export interface RemoveNetworkRequest {
  'network'?: (string);
}

export interface RemoveNetworkRequest__Output {
  'network': (string);
}

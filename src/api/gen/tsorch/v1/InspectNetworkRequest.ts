// Original file: tsorch/v1/networks.proto


export interface InspectNetworkRequest {
  'network'?: (string);
}

export interface InspectNetworkRequest__Output {
  'network': (string);
}

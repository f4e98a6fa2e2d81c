// Original file: tsorch/v1/networks.proto


export interface DisconnectNetworkRequest {
  'network'?: (string);
  'container'?: (string);
}

export interface DisconnectNetworkRequest__Output {
  'network': (string);
  'container': (string);
}

// Original file: tsorch/v1/networks.proto


export interface ConnectNetworkRequest {
  'network'?: (string);
  'container'?: (string);
  'aliases'?: (string)[];
  'ipv4Address'?: (string);
  'macAddress'?: (string);
}

export interface ConnectNetworkRequest__Output {
  'network': (string);
  'container': (string);
  'aliases': (string)[];
  'ipv4Address': (string);
  'macAddress': (string);
}

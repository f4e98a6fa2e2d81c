// Original file: tsorch/v1/networks.proto


export interface NetworkEndpointInfo {
  'containerId'?: (string);
  'containerName'?: (string);
  'address'?: (string);
  'macAddress'?: (string);
  'aliases'?: (string)[];
}

export interface NetworkEndpointInfo__Output {
  'containerId': (string);
  'containerName': (string);
  'address': (string);
  'macAddress': (string);
  'aliases': (string)[];
}

// Original file: tsorch/v1/networks.proto


export interface ContainerPortsRequest {
  'container'?: (string);
}

export interface ContainerPortsRequest__Output {
  'container': (string);
}

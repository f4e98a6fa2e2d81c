// Original file: tsorch/v1/objects.proto


export interface ClusterNetworkIpam {
  'subnet'?: (string);
  'gateway'?: (string);
  'ipRange'?: (string);
}

export interface ClusterNetworkIpam__Output {
  'subnet': (string);
  'gateway': (string);
  'ipRange': (string);
}

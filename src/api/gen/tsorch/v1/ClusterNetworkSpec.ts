// Original file: tsorch/v1/objects.proto

import type { ClusterNetworkIpam as _tsorch_v1_ClusterNetworkIpam, ClusterNetworkIpam__Output as _tsorch_v1_ClusterNetworkIpam__Output } from '../../tsorch/v1/ClusterNetworkIpam.js';

export interface ClusterNetworkSpec {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'driver'?: (string);
  'ipam'?: (_tsorch_v1_ClusterNetworkIpam)[];
  'attachable'?: (boolean);
  'internal'?: (boolean);
  'ipv6'?: (boolean);
  'ingress'?: (boolean);
}

export interface ClusterNetworkSpec__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'driver': (string);
  'ipam': (_tsorch_v1_ClusterNetworkIpam__Output)[];
  'attachable': (boolean);
  'internal': (boolean);
  'ipv6': (boolean);
  'ingress': (boolean);
}

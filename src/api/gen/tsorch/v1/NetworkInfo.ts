// Original file: tsorch/v1/networks.proto

import type { NetworkEndpointInfo as _tsorch_v1_NetworkEndpointInfo, NetworkEndpointInfo__Output as _tsorch_v1_NetworkEndpointInfo__Output } from '../../tsorch/v1/NetworkEndpointInfo.js';

export interface NetworkInfo {
  'id'?: (string);
  'name'?: (string);
  'driver'?: (string);
  'created'?: (string);
  'bridge'?: (string);
  'subnet'?: (string);
  'gateway'?: (string);
  'ipRange'?: (string);
  'internal'?: (boolean);
  'mtu'?: (number);
  'labels'?: ({[key: string]: string});
  'options'?: ({[key: string]: string});
  'predefined'?: (boolean);
  'containers'?: (_tsorch_v1_NetworkEndpointInfo)[];
}

export interface NetworkInfo__Output {
  'id': (string);
  'name': (string);
  'driver': (string);
  'created': (string);
  'bridge': (string);
  'subnet': (string);
  'gateway': (string);
  'ipRange': (string);
  'internal': (boolean);
  'mtu': (number);
  'labels': ({[key: string]: string});
  'options': ({[key: string]: string});
  'predefined': (boolean);
  'containers': (_tsorch_v1_NetworkEndpointInfo__Output)[];
}

// Original file: tsorch/v1/networks.proto


export interface CreateNetworkRequest {
  'name'?: (string);
  'driver'?: (string);
  'subnet'?: (string);
  'gateway'?: (string);
  'ipRange'?: (string);
  'internal'?: (boolean);
  'labels'?: ({[key: string]: string});
  'options'?: ({[key: string]: string});
}

export interface CreateNetworkRequest__Output {
  'name': (string);
  'driver': (string);
  'subnet': (string);
  'gateway': (string);
  'ipRange': (string);
  'internal': (boolean);
  'labels': ({[key: string]: string});
  'options': ({[key: string]: string});
}

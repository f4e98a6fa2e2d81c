// Original file: tsorch/v1/services.proto


export interface ServiceVirtualIp {
  'networkId'?: (string);
  'addr'?: (string);
}

export interface ServiceVirtualIp__Output {
  'networkId': (string);
  'addr': (string);
}

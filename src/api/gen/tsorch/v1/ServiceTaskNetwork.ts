// Original file: tsorch/v1/services.proto


export interface ServiceTaskNetwork {
  'networkId'?: (string);
  'addresses'?: (string)[];
}

export interface ServiceTaskNetwork__Output {
  'networkId': (string);
  'addresses': (string)[];
}

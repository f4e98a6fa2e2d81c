// Original file: tsorch/v1/services.proto


export interface ServiceDns {
  'nameservers'?: (string)[];
  'search'?: (string)[];
  'options'?: (string)[];
}

export interface ServiceDns__Output {
  'nameservers': (string)[];
  'search': (string)[];
  'options': (string)[];
}

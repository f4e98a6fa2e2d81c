// Original file: tsorch/v1/services.proto


export interface ServiceNetworkAttachment {
  'target'?: (string);
  'aliases'?: (string)[];
}

export interface ServiceNetworkAttachment__Output {
  'target': (string);
  'aliases': (string)[];
}

// Original file: tsorch/v1/containers.proto


export interface ContainerNetworkAttachment {
  'network'?: (string);
  'aliases'?: (string)[];
  'ipv4Address'?: (string);
  'macAddress'?: (string);
}

export interface ContainerNetworkAttachment__Output {
  'network': (string);
  'aliases': (string)[];
  'ipv4Address': (string);
  'macAddress': (string);
}

// Original file: tsorch/v1/networks.proto


export interface PublishedPort {
  'protocol'?: (string);
  'hostIp'?: (string);
  'hostPort'?: (number);
  'containerPort'?: (number);
}

export interface PublishedPort__Output {
  'protocol': (string);
  'hostIp': (string);
  'hostPort': (number);
  'containerPort': (number);
}

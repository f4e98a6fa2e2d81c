// Original file: tsorch/v1/services.proto


export interface ServicePort {
  'name'?: (string);
  'protocol'?: (string);
  'targetPort'?: (number);
  'publishedPort'?: (number);
  'publishMode'?: (string);
  'hostIp'?: (string);
}

export interface ServicePort__Output {
  'name': (string);
  'protocol': (string);
  'targetPort': (number);
  'publishedPort': (number);
  'publishMode': (string);
  'hostIp': (string);
}

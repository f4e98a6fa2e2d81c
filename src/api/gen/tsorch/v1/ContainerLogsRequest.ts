// Original file: tsorch/v1/containers.proto


export interface ContainerLogsRequest {
  'container'?: (string);
  'follow'?: (boolean);
  'tail'?: (number);
  'since'?: (string);
  'until'?: (string);
}

export interface ContainerLogsRequest__Output {
  'container': (string);
  'follow': (boolean);
  'tail': (number);
  'since': (string);
  'until': (string);
}

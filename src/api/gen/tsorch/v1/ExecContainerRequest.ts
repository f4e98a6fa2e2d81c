// Original file: tsorch/v1/containers.proto


export interface ExecContainerRequest {
  'container'?: (string);
  'args'?: (string)[];
  'env'?: (string)[];
  'workingDir'?: (string);
  'user'?: (string);
  'tty'?: (boolean);
  'ttyHeight'?: (number);
  'ttyWidth'?: (number);
}

export interface ExecContainerRequest__Output {
  'container': (string);
  'args': (string)[];
  'env': (string)[];
  'workingDir': (string);
  'user': (string);
  'tty': (boolean);
  'ttyHeight': (number);
  'ttyWidth': (number);
}

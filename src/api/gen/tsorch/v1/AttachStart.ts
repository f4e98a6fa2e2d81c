// Original file: tsorch/v1/streams.proto


export interface AttachStart {
  'container'?: (string);
  'stdin'?: (boolean);
  'detachKeys'?: (string);
  'ttyHeight'?: (number);
  'ttyWidth'?: (number);
  'start'?: (boolean);
}

export interface AttachStart__Output {
  'container': (string);
  'stdin': (boolean);
  'detachKeys': (string);
  'ttyHeight': (number);
  'ttyWidth': (number);
  'start': (boolean);
}

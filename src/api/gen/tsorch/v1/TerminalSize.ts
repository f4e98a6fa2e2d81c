// Original file: tsorch/v1/streams.proto


export interface TerminalSize {
  'height'?: (number);
  'width'?: (number);
}

export interface TerminalSize__Output {
  'height': (number);
  'width': (number);
}

// Original file: tsorch/v1/dispatcher.proto


export interface SessionRequest {
  'descriptionJson'?: (Buffer | Uint8Array | string);
  'advertiseAddr'?: (string);
}

export interface SessionRequest__Output {
  'descriptionJson': (Buffer);
  'advertiseAddr': (string);
}

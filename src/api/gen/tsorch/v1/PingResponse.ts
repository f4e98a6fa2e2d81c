// Original file: tsorch/v1/system.proto


export interface PingResponse {
  'version'?: (string);
}

export interface PingResponse__Output {
  'version': (string);
}

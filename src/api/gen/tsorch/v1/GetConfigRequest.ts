// Original file: tsorch/v1/objects.proto


export interface GetConfigRequest {
  'config'?: (string);
}

export interface GetConfigRequest__Output {
  'config': (string);
}

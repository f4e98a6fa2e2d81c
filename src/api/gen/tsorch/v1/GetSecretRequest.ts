// Original file: tsorch/v1/objects.proto


export interface GetSecretRequest {
  'secret'?: (string);
}

export interface GetSecretRequest__Output {
  'secret': (string);
}

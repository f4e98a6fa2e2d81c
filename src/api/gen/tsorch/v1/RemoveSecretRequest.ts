// Original file: tsorch/v1/objects.proto


export interface RemoveSecretRequest {
  'secret'?: (string);
}

export interface RemoveSecretRequest__Output {
  'secret': (string);
}

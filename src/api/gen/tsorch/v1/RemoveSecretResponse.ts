// Original file: tsorch/v1/objects.proto


export interface RemoveSecretResponse {
  'id'?: (string);
}

export interface RemoveSecretResponse__Output {
  'id': (string);
}

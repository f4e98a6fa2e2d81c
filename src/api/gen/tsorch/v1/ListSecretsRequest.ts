// Original file: tsorch/v1/objects.proto


export interface ListSecretsRequest {
  'labels'?: (string)[];
}

export interface ListSecretsRequest__Output {
  'labels': (string)[];
}

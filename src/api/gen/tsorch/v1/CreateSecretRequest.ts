// Original file: tsorch/v1/objects.proto


export interface CreateSecretRequest {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'data'?: (Buffer | Uint8Array | string);
}

export interface CreateSecretRequest__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'data': (Buffer);
}

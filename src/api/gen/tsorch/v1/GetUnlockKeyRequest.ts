// Original file: tsorch/v1/ca.proto


export interface GetUnlockKeyRequest {
  'rotate'?: (boolean);
}

export interface GetUnlockKeyRequest__Output {
  'rotate': (boolean);
}

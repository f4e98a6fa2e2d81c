// Original file: tsorch/v1/ca.proto


export interface GetUnlockKeyResponse {
  'unlockKey'?: (string);
}

export interface GetUnlockKeyResponse__Output {
  'unlockKey': (string);
}

// Original file: tsorch/v1/ca.proto


export interface UnlockRequest {
  'unlockKey'?: (string);
}

export interface UnlockRequest__Output {
  'unlockKey': (string);
}

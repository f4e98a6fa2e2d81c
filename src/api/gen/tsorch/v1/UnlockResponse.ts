// Original file: tsorch/v1/ca.proto


export interface UnlockResponse {
}

export interface UnlockResponse__Output {
}

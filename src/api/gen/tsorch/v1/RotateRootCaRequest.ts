// Original file: tsorch/v1/ca.proto


export interface RotateRootCaRequest {
}

export interface RotateRootCaRequest__Output {
}

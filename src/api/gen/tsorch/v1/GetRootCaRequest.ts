// Original file: tsorch/v1/cluster.proto


export interface GetRootCaRequest {
}

export interface GetRootCaRequest__Output {
}

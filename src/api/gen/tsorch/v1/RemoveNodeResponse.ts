// Original file: tsorch/v1/cluster.proto


export interface RemoveNodeResponse {
}

export interface RemoveNodeResponse__Output {
}

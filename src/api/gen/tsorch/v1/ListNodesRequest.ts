// Original file: tsorch/v1/cluster.proto


export interface ListNodesRequest {
}

export interface ListNodesRequest__Output {
}

// Original file: tsorch/v1/cluster.proto


export interface JoinRaftResponse {
}

export interface JoinRaftResponse__Output {
}

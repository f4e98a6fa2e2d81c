// Original file: tsorch/v1/cluster.proto


export interface SwarmInspectRequest {
}

export interface SwarmInspectRequest__Output {
}

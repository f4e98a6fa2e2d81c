// Original file: tsorch/v1/cluster.proto


export interface SwarmLeaveResponse {
}

export interface SwarmLeaveResponse__Output {
}

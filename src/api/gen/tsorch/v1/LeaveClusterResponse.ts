// Original file: tsorch/v1/cluster.proto


export interface LeaveClusterResponse {
}

export interface LeaveClusterResponse__Output {
}

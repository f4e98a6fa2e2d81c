// Original file: tsorch/v1/cluster.proto


export interface LeaveClusterRequest {
}

export interface LeaveClusterRequest__Output {
}

// Original file: tsorch/v1/cluster.proto


export interface NodeRoleRequest {
}

export interface NodeRoleRequest__Output {
}

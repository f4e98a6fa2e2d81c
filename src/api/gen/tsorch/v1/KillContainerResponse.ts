// Original file: tsorch/v1/containers.proto


export interface KillContainerResponse {
}

export interface KillContainerResponse__Output {
}

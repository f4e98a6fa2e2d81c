// Original file: tsorch/v1/containers.proto


export interface UnpauseContainerResponse {
}

export interface UnpauseContainerResponse__Output {
}

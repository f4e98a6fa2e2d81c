// Original file: tsorch/v1/containers.proto


export interface PauseContainerResponse {
}

export interface PauseContainerResponse__Output {
}

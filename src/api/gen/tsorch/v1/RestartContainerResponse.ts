// Original file: tsorch/v1/containers.proto


export interface RestartContainerResponse {
}

export interface RestartContainerResponse__Output {
}

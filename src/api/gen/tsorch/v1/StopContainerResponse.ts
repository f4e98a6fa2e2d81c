// Original file: tsorch/v1/containers.proto


export interface StopContainerResponse {
}

export interface StopContainerResponse__Output {
}

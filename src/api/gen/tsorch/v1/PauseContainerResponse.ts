// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface PauseContainerResponse {
}

export interface PauseContainerResponse__Output {
}

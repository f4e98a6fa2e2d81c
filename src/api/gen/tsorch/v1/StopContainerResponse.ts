// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface StopContainerResponse {
}

export interface StopContainerResponse__Output {
}

// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface StartContainerResponse {
}

export interface StartContainerResponse__Output {
}

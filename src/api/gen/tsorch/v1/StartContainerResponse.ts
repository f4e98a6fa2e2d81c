// Original file: tsorch/v1/containers.proto


export interface StartContainerResponse {
}

export interface StartContainerResponse__Output {
}

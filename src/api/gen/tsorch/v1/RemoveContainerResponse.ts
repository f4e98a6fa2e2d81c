// Original file: tsorch/v1/containers.proto


export interface RemoveContainerResponse {
}

export interface RemoveContainerResponse__Output {
}

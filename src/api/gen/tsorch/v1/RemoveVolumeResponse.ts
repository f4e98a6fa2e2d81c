// Original file: tsorch/v1/containers.proto


export interface RemoveVolumeResponse {
}

export interface RemoveVolumeResponse__Output {
}

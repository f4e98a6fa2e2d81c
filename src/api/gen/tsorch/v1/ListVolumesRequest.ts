// Original file: tsorch/v1/containers.proto


export interface ListVolumesRequest {
}

export interface ListVolumesRequest__Output {
}

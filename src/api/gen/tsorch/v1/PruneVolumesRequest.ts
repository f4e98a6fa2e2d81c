// Original file: tsorch/v1/containers.proto


export interface PruneVolumesRequest {
}

export interface PruneVolumesRequest__Output {
}

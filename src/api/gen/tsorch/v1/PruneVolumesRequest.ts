// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface PruneVolumesRequest {
}

export interface PruneVolumesRequest__Output {
}

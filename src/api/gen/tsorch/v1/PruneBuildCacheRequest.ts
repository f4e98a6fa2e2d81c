// Original file: /work/main/proto/tsorch/v1/build.proto


export interface PruneBuildCacheRequest {
}

export interface PruneBuildCacheRequest__Output {
}

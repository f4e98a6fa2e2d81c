// Original file: tsorch/v1/build.proto


export interface PruneBuildCacheRequest {
}

export interface PruneBuildCacheRequest__Output {
}

// Original file: tsorch/v1/images.proto


export interface TagImageResponse {
}

export interface TagImageResponse__Output {
}

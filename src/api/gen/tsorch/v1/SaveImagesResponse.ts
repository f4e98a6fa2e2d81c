// Original file: tsorch/v1/images.proto


export interface SaveImagesResponse {
}

export interface SaveImagesResponse__Output {
}

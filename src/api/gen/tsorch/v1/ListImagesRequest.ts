// Original file: tsorch/v1/images.proto


export interface ListImagesRequest {
  'all'?: (boolean);
}

export interface ListImagesRequest__Output {
  'all': (boolean);
}

// Original file: tsorch/v1/images.proto


export interface LoadImagesRequest {
  'path'?: (string);
}

export interface LoadImagesRequest__Output {
  'path': (string);
}

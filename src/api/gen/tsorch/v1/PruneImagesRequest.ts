// Original file: tsorch/v1/images.proto


export interface PruneImagesRequest {
  'all'?: (boolean);
}

export interface PruneImagesRequest__Output {
  'all': (boolean);
}

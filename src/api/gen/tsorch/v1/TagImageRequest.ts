// Original file: tsorch/v1/images.proto


export interface TagImageRequest {
  'source'?: (string);
  'target'?: (string);
}

export interface TagImageRequest__Output {
  'source': (string);
  'target': (string);
}

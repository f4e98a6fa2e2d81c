// Original file: tsorch/v1/images.proto


export interface SaveImagesRequest {
  'references'?: (string)[];
  'path'?: (string);
  'gzip'?: (boolean);
}

export interface SaveImagesRequest__Output {
  'references': (string)[];
  'path': (string);
  'gzip': (boolean);
}

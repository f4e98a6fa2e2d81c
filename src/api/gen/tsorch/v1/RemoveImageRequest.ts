// Original file: tsorch/v1/images.proto


export interface RemoveImageRequest {
  'reference'?: (string);
  'force'?: (boolean);
}

export interface RemoveImageRequest__Output {
  'reference': (string);
  'force': (boolean);
}

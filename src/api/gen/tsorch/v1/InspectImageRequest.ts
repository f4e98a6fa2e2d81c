// Original file: tsorch/v1/images.proto


export interface InspectImageRequest {
  'reference'?: (string);
}

export interface InspectImageRequest__Output {
  'reference': (string);
}

// Original file: tsorch/v1/images.proto


export interface InspectImageResponse {
  'json'?: (string);
}

export interface InspectImageResponse__Output {
  'json': (string);
}

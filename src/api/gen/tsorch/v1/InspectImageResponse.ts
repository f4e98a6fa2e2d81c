// Original file: /work/main/proto/tsorch/v1/images.proto


export interface InspectImageResponse {
  'json'?: (string);
}

export interface InspectImageResponse__Output {
  'json': (string);
}

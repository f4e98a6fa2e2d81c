// Original file: tsorch/v1/images.proto


export interface RemoveImageResponse {
  'untagged'?: (string)[];
  'deleted'?: (string)[];
}

export interface RemoveImageResponse__Output {
  'untagged': (string)[];
  'deleted': (string)[];
}

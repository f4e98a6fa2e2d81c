// Original file: tsorch/v1/objects.proto


export interface ListConfigsRequest {
  'labels'?: (string)[];
}

export interface ListConfigsRequest__Output {
  'labels': (string)[];
}

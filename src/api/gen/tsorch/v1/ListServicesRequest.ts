// Original file: tsorch/v1/services.proto


export interface ListServicesRequest {
  'names'?: (string)[];
  'ids'?: (string)[];
  'labels'?: (string)[];
  'modes'?: (string)[];
}

export interface ListServicesRequest__Output {
  'names': (string)[];
  'ids': (string)[];
  'labels': (string)[];
  'modes': (string)[];
}

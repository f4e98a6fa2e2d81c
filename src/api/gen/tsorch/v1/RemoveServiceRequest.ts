// Original file: tsorch/v1/services.proto


export interface RemoveServiceRequest {
  'service'?: (string);
}

export interface RemoveServiceRequest__Output {
  'service': (string);
}

// Original file: tsorch/v1/services.proto


export interface GetServiceRequest {
  'service'?: (string);
}

export interface GetServiceRequest__Output {
  'service': (string);
}

// Original file: tsorch/v1/services.proto


export interface RollbackServiceRequest {
  'service'?: (string);
}

export interface RollbackServiceRequest__Output {
  'service': (string);
}

// Original file: tsorch/v1/services.proto


export interface RemoveServiceResponse {
  'id'?: (string);
}

export interface RemoveServiceResponse__Output {
  'id': (string);
}

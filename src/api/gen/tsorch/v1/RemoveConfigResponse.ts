// Original file: tsorch/v1/objects.proto


export interface RemoveConfigResponse {
  'id'?: (string);
}

export interface RemoveConfigResponse__Output {
  'id': (string);
}

// Original file: tsorch/v1/objects.proto


export interface RemoveConfigRequest {
  'config'?: (string);
}

export interface RemoveConfigRequest__Output {
  'config': (string);
}

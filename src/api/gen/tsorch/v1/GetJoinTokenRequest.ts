// Original file: tsorch/v1/cluster.proto


export interface GetJoinTokenRequest {
  'role'?: (string);
  'rotate'?: (boolean);
}

export interface GetJoinTokenRequest__Output {
  'role': (string);
  'rotate': (boolean);
}

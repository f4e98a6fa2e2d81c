// Original file: tsorch/v1/cluster.proto


export interface GetJoinTokenResponse {
  'token'?: (string);
  'managerAddrs'?: (string)[];
}

export interface GetJoinTokenResponse__Output {
  'token': (string);
  'managerAddrs': (string)[];
}

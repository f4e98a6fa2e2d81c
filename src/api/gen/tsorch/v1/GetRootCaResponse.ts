// Original file: tsorch/v1/cluster.proto


export interface GetRootCaResponse {
  'certPem'?: (string);
}

export interface GetRootCaResponse__Output {
  'certPem': (string);
}

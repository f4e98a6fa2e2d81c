// Original file: tsorch/v1/cluster.proto


export interface SwarmJoinResponse {
  'nodeId'?: (string);
  'role'?: (string);
}

export interface SwarmJoinResponse__Output {
  'nodeId': (string);
  'role': (string);
}

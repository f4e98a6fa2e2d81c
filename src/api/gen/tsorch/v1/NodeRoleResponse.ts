// Original file: tsorch/v1/cluster.proto


export interface NodeRoleResponse {
  'role'?: (string);
  'removed'?: (boolean);
}

export interface NodeRoleResponse__Output {
  'role': (string);
  'removed': (boolean);
}

// Original file: tsorch/v1/cluster.proto


export interface NodeRoleResponse {
  'role'?: (string);
  'removed'?: (boolean);
  'trustedRootsPem'?: (string);
  'caCertPem'?: (string);
}

export interface NodeRoleResponse__Output {
  'role': (string);
  'removed': (boolean);
  'trustedRootsPem': (string);
  'caCertPem': (string);
}

// Original file: tsorch/v1/objects.proto


export interface RemoveClusterNetworkResponse {
  'id'?: (string);
  'pendingDelete'?: (boolean);
}

export interface RemoveClusterNetworkResponse__Output {
  'id': (string);
  'pendingDelete': (boolean);
}

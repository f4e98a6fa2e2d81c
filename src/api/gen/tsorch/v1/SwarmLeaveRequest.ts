// Original file: tsorch/v1/cluster.proto


export interface SwarmLeaveRequest {
  'force'?: (boolean);
}

export interface SwarmLeaveRequest__Output {
  'force': (boolean);
}

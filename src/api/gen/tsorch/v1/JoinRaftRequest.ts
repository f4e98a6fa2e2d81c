// Original file: tsorch/v1/cluster.proto


export interface JoinRaftRequest {
  'raftId'?: (string);
  'addr'?: (string);
}

export interface JoinRaftRequest__Output {
  'raftId': (string);
  'addr': (string);
}

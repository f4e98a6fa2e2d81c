// Original file: tsorch/v1/cluster.proto


export interface RaftMember {
  'raftId'?: (string);
  'addr'?: (string);
}

export interface RaftMember__Output {
  'raftId': (string);
  'addr': (string);
}

// Original file: tsorch/v1/raft.proto


export interface StreamSnapshotResponse {
  'accepted'?: (boolean);
}

export interface StreamSnapshotResponse__Output {
  'accepted': (boolean);
}

// Original file: /work/main/proto/tsorch/v1/raft.proto


export interface ProcessMessageResponse {
}

export interface ProcessMessageResponse__Output {
}

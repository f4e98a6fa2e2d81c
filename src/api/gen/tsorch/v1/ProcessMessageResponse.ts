// Original file: tsorch/v1/raft.proto


export interface ProcessMessageResponse {
}

export interface ProcessMessageResponse__Output {
}

// Original file: /work/main/proto/tsorch/v1/system.proto


export interface PingRequest {
}

export interface PingRequest__Output {
}

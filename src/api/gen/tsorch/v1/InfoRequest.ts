// Original file: /work/main/proto/tsorch/v1/system.proto


export interface InfoRequest {
}

export interface InfoRequest__Output {
}

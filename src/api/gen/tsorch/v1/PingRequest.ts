// Original file: tsorch/v1/system.proto


export interface PingRequest {
}

export interface PingRequest__Output {
}

// Original file: tsorch/v1/networks.proto


export interface ConnectNetworkResponse {
}

export interface ConnectNetworkResponse__Output {
}

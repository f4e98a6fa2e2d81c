// Original file: tsorch/v1/networks.proto


export interface DisconnectNetworkResponse {
}

export interface DisconnectNetworkResponse__Output {
}

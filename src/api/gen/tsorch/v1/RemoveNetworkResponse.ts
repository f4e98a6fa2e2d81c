// Original file: tsorch/v1/networks.proto


export interface RemoveNetworkResponse {
}

export interface RemoveNetworkResponse__Output {
}

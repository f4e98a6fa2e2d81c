// Original file: tsorch/v1/networks.proto


export interface ListNetworksRequest {
}

export interface ListNetworksRequest__Output {
}

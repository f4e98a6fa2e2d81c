// Original file: tsorch/v1/networks.proto


export interface PruneNetworksRequest {
}

export interface PruneNetworksRequest__Output {
}

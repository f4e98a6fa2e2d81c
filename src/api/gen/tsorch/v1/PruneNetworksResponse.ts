// Original file: tsorch/v1/networks.proto


export interface PruneNetworksResponse {
  'removed'?: (string)[];
}

export interface PruneNetworksResponse__Output {
  'removed': (string)[];
}

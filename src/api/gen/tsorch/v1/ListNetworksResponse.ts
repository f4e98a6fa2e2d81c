// Original file: tsorch/v1/networks.proto

import type { NetworkInfo as _tsorch_v1_NetworkInfo, NetworkInfo__Output as _tsorch_v1_NetworkInfo__Output } from '../../tsorch/v1/NetworkInfo.js';

export interface ListNetworksResponse {
  'networks'?: (_tsorch_v1_NetworkInfo)[];
}

export interface ListNetworksResponse__Output {
  'networks': (_tsorch_v1_NetworkInfo__Output)[];
}

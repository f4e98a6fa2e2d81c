// Original file: tsorch/v1/networks.proto

import type { NetworkInfo as _tsorch_v1_NetworkInfo, NetworkInfo__Output as _tsorch_v1_NetworkInfo__Output } from '../../tsorch/v1/NetworkInfo.js';

export interface InspectNetworkResponse {
  'network'?: (_tsorch_v1_NetworkInfo | null);
}

export interface InspectNetworkResponse__Output {
  'network': (_tsorch_v1_NetworkInfo__Output | null);
}

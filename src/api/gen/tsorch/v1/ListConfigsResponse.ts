// Original file: tsorch/v1/objects.proto

import type { ConfigInfo as _tsorch_v1_ConfigInfo, ConfigInfo__Output as _tsorch_v1_ConfigInfo__Output } from '../../tsorch/v1/ConfigInfo.js';

export interface ListConfigsResponse {
  'configs'?: (_tsorch_v1_ConfigInfo)[];
}

export interface ListConfigsResponse__Output {
  'configs': (_tsorch_v1_ConfigInfo__Output)[];
}

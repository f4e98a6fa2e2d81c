// Original file: tsorch/v1/objects.proto

import type { ConfigInfo as _tsorch_v1_ConfigInfo, ConfigInfo__Output as _tsorch_v1_ConfigInfo__Output } from '../../tsorch/v1/ConfigInfo.js';

export interface CreateConfigResponse {
  'config'?: (_tsorch_v1_ConfigInfo | null);
}

export interface CreateConfigResponse__Output {
  'config': (_tsorch_v1_ConfigInfo__Output | null);
}

// Original file: tsorch/v1/cluster.proto

import type { NodeInfo as _tsorch_v1_NodeInfo, NodeInfo__Output as _tsorch_v1_NodeInfo__Output } from '../../tsorch/v1/NodeInfo.js';

export interface UpdateNodeResponse {
  'node'?: (_tsorch_v1_NodeInfo | null);
}

export interface UpdateNodeResponse__Output {
  'node': (_tsorch_v1_NodeInfo__Output | null);
}

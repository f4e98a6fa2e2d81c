// Original file: tsorch/v1/cluster.proto

import type { NodeInfo as _tsorch_v1_NodeInfo, NodeInfo__Output as _tsorch_v1_NodeInfo__Output } from '../../tsorch/v1/NodeInfo.js';

export interface ListNodesResponse {
  'nodes'?: (_tsorch_v1_NodeInfo)[];
}

export interface ListNodesResponse__Output {
  'nodes': (_tsorch_v1_NodeInfo__Output)[];
}

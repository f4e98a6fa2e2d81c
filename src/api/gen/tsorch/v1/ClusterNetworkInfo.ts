// Original file: tsorch/v1/objects.proto

import type { ObjectMeta as _tsorch_v1_ObjectMeta, ObjectMeta__Output as _tsorch_v1_ObjectMeta__Output } from '../../tsorch/v1/ObjectMeta.js';
import type { ClusterNetworkSpec as _tsorch_v1_ClusterNetworkSpec, ClusterNetworkSpec__Output as _tsorch_v1_ClusterNetworkSpec__Output } from '../../tsorch/v1/ClusterNetworkSpec.js';
import type { ClusterNetworkIpam as _tsorch_v1_ClusterNetworkIpam, ClusterNetworkIpam__Output as _tsorch_v1_ClusterNetworkIpam__Output } from '../../tsorch/v1/ClusterNetworkIpam.js';

export interface ClusterNetworkInfo {
  'meta'?: (_tsorch_v1_ObjectMeta | null);
  'spec'?: (_tsorch_v1_ClusterNetworkSpec | null);
  'allocated'?: (_tsorch_v1_ClusterNetworkIpam)[];
  'vni'?: (number);
  'pendingDelete'?: (boolean);
}

export interface ClusterNetworkInfo__Output {
  'meta': (_tsorch_v1_ObjectMeta__Output | null);
  'spec': (_tsorch_v1_ClusterNetworkSpec__Output | null);
  'allocated': (_tsorch_v1_ClusterNetworkIpam__Output)[];
  'vni': (number);
  'pendingDelete': (boolean);
}

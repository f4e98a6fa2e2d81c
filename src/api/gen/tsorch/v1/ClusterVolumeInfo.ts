// Original file: tsorch/v1/objects.proto

import type { ObjectMeta as _tsorch_v1_ObjectMeta, ObjectMeta__Output as _tsorch_v1_ObjectMeta__Output } from '../../tsorch/v1/ObjectMeta.js';

export interface ClusterVolumeInfo {
  'meta'?: (_tsorch_v1_ObjectMeta | null);
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'driver'?: (string);
  'driverOpts'?: ({[key: string]: string});
  'nodeId'?: (string);
}

export interface ClusterVolumeInfo__Output {
  'meta': (_tsorch_v1_ObjectMeta__Output | null);
  'name': (string);
  'labels': ({[key: string]: string});
  'driver': (string);
  'driverOpts': ({[key: string]: string});
  'nodeId': (string);
}

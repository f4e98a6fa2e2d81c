// Original file: tsorch/v1/objects.proto

import type { ObjectMeta as _tsorch_v1_ObjectMeta, ObjectMeta__Output as _tsorch_v1_ObjectMeta__Output } from '../../tsorch/v1/ObjectMeta.js';

export interface SecretInfo {
  'meta'?: (_tsorch_v1_ObjectMeta | null);
  'name'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface SecretInfo__Output {
  'meta': (_tsorch_v1_ObjectMeta__Output | null);
  'name': (string);
  'labels': ({[key: string]: string});
}

// Original file: tsorch/v1/cluster.proto


export interface RemoveNodeRequest {
  'ref'?: (string);
  'force'?: (boolean);
}

export interface RemoveNodeRequest__Output {
  'ref': (string);
  'force': (boolean);
}

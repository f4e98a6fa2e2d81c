// Original file: tsorch/v1/cluster.proto


export interface UpdateNodeRequest {
  'ref'?: (string);
  'availability'?: (string);
  'role'?: (string);
  'labelAdd'?: ({[key: string]: string});
  'labelRm'?: (string)[];
  'force'?: (boolean);
}

export interface UpdateNodeRequest__Output {
  'ref': (string);
  'availability': (string);
  'role': (string);
  'labelAdd': ({[key: string]: string});
  'labelRm': (string)[];
  'force': (boolean);
}

// Original file: tsorch/v1/cluster.proto


export interface InspectNodeRequest {
  'ref'?: (string);
}

export interface InspectNodeRequest__Output {
  'ref': (string);
}

// Original file: tsorch/v1/services.proto


export interface ServiceExcludedNode {
  'nodeId'?: (string);
  'hostname'?: (string);
  'filter'?: (string);
  'reason'?: (string);
}

export interface ServiceExcludedNode__Output {
  'nodeId': (string);
  'hostname': (string);
  'filter': (string);
  'reason': (string);
}

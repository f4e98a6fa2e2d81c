// Original file: tsorch/v1/ca.proto


export interface CaStatus {
  'rootCertPem'?: (string);
  'rootDigest'?: (string);
  'rotating'?: (boolean);
  'previousRootDigest'?: (string);
  'pendingNodeIds'?: (string)[];
}

export interface CaStatus__Output {
  'rootCertPem': (string);
  'rootDigest': (string);
  'rotating': (boolean);
  'previousRootDigest': (string);
  'pendingNodeIds': (string)[];
}

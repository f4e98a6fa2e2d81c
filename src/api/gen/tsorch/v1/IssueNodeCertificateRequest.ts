// Original file: tsorch/v1/cluster.proto


export interface IssueNodeCertificateRequest {
  'token'?: (string);
  'csrPem'?: (string);
  'hostname'?: (string);
  'advertiseAddr'?: (string);
}

export interface IssueNodeCertificateRequest__Output {
  'token': (string);
  'csrPem': (string);
  'hostname': (string);
  'advertiseAddr': (string);
}

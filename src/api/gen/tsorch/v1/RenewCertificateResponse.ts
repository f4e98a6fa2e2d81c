// Original file: tsorch/v1/cluster.proto

import type { IssueNodeCertificateResponse as _tsorch_v1_IssueNodeCertificateResponse, IssueNodeCertificateResponse__Output as _tsorch_v1_IssueNodeCertificateResponse__Output } from '../../tsorch/v1/IssueNodeCertificateResponse.js';

export interface RenewCertificateResponse {
  'issued'?: (_tsorch_v1_IssueNodeCertificateResponse | null);
}

export interface RenewCertificateResponse__Output {
  'issued': (_tsorch_v1_IssueNodeCertificateResponse__Output | null);
}

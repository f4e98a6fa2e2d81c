// Original file: tsorch/v1/services.proto

import type { ServiceInfo as _tsorch_v1_ServiceInfo, ServiceInfo__Output as _tsorch_v1_ServiceInfo__Output } from '../../tsorch/v1/ServiceInfo.js';

export interface GetServiceResponse {
  'service'?: (_tsorch_v1_ServiceInfo | null);
}

export interface GetServiceResponse__Output {
  'service': (_tsorch_v1_ServiceInfo__Output | null);
}

// Original file: tsorch/v1/services.proto

import type { ServiceSpec as _tsorch_v1_ServiceSpec, ServiceSpec__Output as _tsorch_v1_ServiceSpec__Output } from '../../tsorch/v1/ServiceSpec.js';

export interface CreateServiceRequest {
  'spec'?: (_tsorch_v1_ServiceSpec | null);
}

export interface CreateServiceRequest__Output {
  'spec': (_tsorch_v1_ServiceSpec__Output | null);
}

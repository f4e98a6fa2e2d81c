// Original file: tsorch/v1/services.proto

import type { ServiceSpec as _tsorch_v1_ServiceSpec, ServiceSpec__Output as _tsorch_v1_ServiceSpec__Output } from '../../tsorch/v1/ServiceSpec.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateServiceRequest {
  'service'?: (string);
  'version'?: (number | string | Long);
  'spec'?: (_tsorch_v1_ServiceSpec | null);
  'force'?: (boolean);
}

export interface UpdateServiceRequest__Output {
  'service': (string);
  'version': (string);
  'spec': (_tsorch_v1_ServiceSpec__Output | null);
  'force': (boolean);
}

// Original file: tsorch/v1/services.proto

import type { ServicePort as _tsorch_v1_ServicePort, ServicePort__Output as _tsorch_v1_ServicePort__Output } from '../../tsorch/v1/ServicePort.js';

export interface ServiceEndpointSpec {
  'mode'?: (string);
  'ports'?: (_tsorch_v1_ServicePort)[];
}

export interface ServiceEndpointSpec__Output {
  'mode': (string);
  'ports': (_tsorch_v1_ServicePort__Output)[];
}

// Original file: tsorch/v1/services.proto

import type { ServiceTaskTemplate as _tsorch_v1_ServiceTaskTemplate, ServiceTaskTemplate__Output as _tsorch_v1_ServiceTaskTemplate__Output } from '../../tsorch/v1/ServiceTaskTemplate.js';
import type { ServiceMode as _tsorch_v1_ServiceMode, ServiceMode__Output as _tsorch_v1_ServiceMode__Output } from '../../tsorch/v1/ServiceMode.js';
import type { ServiceUpdateConfig as _tsorch_v1_ServiceUpdateConfig, ServiceUpdateConfig__Output as _tsorch_v1_ServiceUpdateConfig__Output } from '../../tsorch/v1/ServiceUpdateConfig.js';
import type { ServiceEndpointSpec as _tsorch_v1_ServiceEndpointSpec, ServiceEndpointSpec__Output as _tsorch_v1_ServiceEndpointSpec__Output } from '../../tsorch/v1/ServiceEndpointSpec.js';

export interface ServiceSpec {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'task'?: (_tsorch_v1_ServiceTaskTemplate | null);
  'mode'?: (_tsorch_v1_ServiceMode | null);
  'update'?: (_tsorch_v1_ServiceUpdateConfig | null);
  'rollback'?: (_tsorch_v1_ServiceUpdateConfig | null);
  'endpoint'?: (_tsorch_v1_ServiceEndpointSpec | null);
}

export interface ServiceSpec__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'task': (_tsorch_v1_ServiceTaskTemplate__Output | null);
  'mode': (_tsorch_v1_ServiceMode__Output | null);
  'update': (_tsorch_v1_ServiceUpdateConfig__Output | null);
  'rollback': (_tsorch_v1_ServiceUpdateConfig__Output | null);
  'endpoint': (_tsorch_v1_ServiceEndpointSpec__Output | null);
}

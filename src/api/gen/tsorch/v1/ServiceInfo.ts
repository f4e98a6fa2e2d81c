// Original file: tsorch/v1/services.proto

import type { ServiceSpec as _tsorch_v1_ServiceSpec, ServiceSpec__Output as _tsorch_v1_ServiceSpec__Output } from '../../tsorch/v1/ServiceSpec.js';
import type { ServicePort as _tsorch_v1_ServicePort, ServicePort__Output as _tsorch_v1_ServicePort__Output } from '../../tsorch/v1/ServicePort.js';
import type { ServiceVirtualIp as _tsorch_v1_ServiceVirtualIp, ServiceVirtualIp__Output as _tsorch_v1_ServiceVirtualIp__Output } from '../../tsorch/v1/ServiceVirtualIp.js';
import type { ServiceUpdateStatus as _tsorch_v1_ServiceUpdateStatus, ServiceUpdateStatus__Output as _tsorch_v1_ServiceUpdateStatus__Output } from '../../tsorch/v1/ServiceUpdateStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface ServiceInfo {
  'id'?: (string);
  'version'?: (number | string | Long);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'spec'?: (_tsorch_v1_ServiceSpec | null);
  'previousSpec'?: (_tsorch_v1_ServiceSpec | null);
  'specVersion'?: (number | string | Long);
  'ports'?: (_tsorch_v1_ServicePort)[];
  'virtualIps'?: (_tsorch_v1_ServiceVirtualIp)[];
  'updateStatus'?: (_tsorch_v1_ServiceUpdateStatus | null);
  'runningTasks'?: (number | string | Long);
  'desiredTasks'?: (number | string | Long);
  'completedTasks'?: (number | string | Long);
}

export interface ServiceInfo__Output {
  'id': (string);
  'version': (string);
  'createdAt': (string);
  'updatedAt': (string);
  'spec': (_tsorch_v1_ServiceSpec__Output | null);
  'previousSpec': (_tsorch_v1_ServiceSpec__Output | null);
  'specVersion': (string);
  'ports': (_tsorch_v1_ServicePort__Output)[];
  'virtualIps': (_tsorch_v1_ServiceVirtualIp__Output)[];
  'updateStatus': (_tsorch_v1_ServiceUpdateStatus__Output | null);
  'runningTasks': (string);
  'desiredTasks': (string);
  'completedTasks': (string);
}

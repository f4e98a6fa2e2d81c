// Original file: tsorch/v1/services.proto

import type { ServicePort as _tsorch_v1_ServicePort, ServicePort__Output as _tsorch_v1_ServicePort__Output } from '../../tsorch/v1/ServicePort.js';
import type { ServiceTaskNetwork as _tsorch_v1_ServiceTaskNetwork, ServiceTaskNetwork__Output as _tsorch_v1_ServiceTaskNetwork__Output } from '../../tsorch/v1/ServiceTaskNetwork.js';
import type { Long } from '@grpc/proto-loader';

export interface ServiceTask {
  'id'?: (string);
  'serviceId'?: (string);
  'serviceName'?: (string);
  'name'?: (string);
  'slot'?: (number | string | Long);
  'nodeId'?: (string);
  'nodeHostname'?: (string);
  'desiredState'?: (string);
  'state'?: (string);
  'stateTimestamp'?: (string);
  'message'?: (string);
  'err'?: (string);
  'containerId'?: (string);
  'exitCode'?: (number);
  'health'?: (string);
  'specVersion'?: (number | string | Long);
  'image'?: (string);
  'ports'?: (_tsorch_v1_ServicePort)[];
  'networks'?: (_tsorch_v1_ServiceTaskNetwork)[];
  'createdAt'?: (string);
}

export interface ServiceTask__Output {
  'id': (string);
  'serviceId': (string);
  'serviceName': (string);
  'name': (string);
  'slot': (string);
  'nodeId': (string);
  'nodeHostname': (string);
  'desiredState': (string);
  'state': (string);
  'stateTimestamp': (string);
  'message': (string);
  'err': (string);
  'containerId': (string);
  'exitCode': (number);
  'health': (string);
  'specVersion': (string);
  'image': (string);
  'ports': (_tsorch_v1_ServicePort__Output)[];
  'networks': (_tsorch_v1_ServiceTaskNetwork__Output)[];
  'createdAt': (string);
}

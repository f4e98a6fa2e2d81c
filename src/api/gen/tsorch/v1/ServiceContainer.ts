// Original file: tsorch/v1/services.proto

import type { ContainerMount as _tsorch_v1_ContainerMount, ContainerMount__Output as _tsorch_v1_ContainerMount__Output } from '../../tsorch/v1/ContainerMount.js';
import type { ContainerUlimit as _tsorch_v1_ContainerUlimit, ContainerUlimit__Output as _tsorch_v1_ContainerUlimit__Output } from '../../tsorch/v1/ContainerUlimit.js';
import type { ContainerHealthCheck as _tsorch_v1_ContainerHealthCheck, ContainerHealthCheck__Output as _tsorch_v1_ContainerHealthCheck__Output } from '../../tsorch/v1/ContainerHealthCheck.js';
import type { ServiceDns as _tsorch_v1_ServiceDns, ServiceDns__Output as _tsorch_v1_ServiceDns__Output } from '../../tsorch/v1/ServiceDns.js';
import type { ServiceFileReference as _tsorch_v1_ServiceFileReference, ServiceFileReference__Output as _tsorch_v1_ServiceFileReference__Output } from '../../tsorch/v1/ServiceFileReference.js';
import type { Long } from '@grpc/proto-loader';

export interface ServiceContainer {
  'image'?: (string);
  'cmd'?: (string)[];
  'entrypoint'?: (string)[];
  'hasEntrypoint'?: (boolean);
  'env'?: (string)[];
  'workingDir'?: (string);
  'user'?: (string);
  'hostname'?: (string);
  'mounts'?: (_tsorch_v1_ContainerMount)[];
  'readOnly'?: (boolean);
  'capAdd'?: (string)[];
  'capDrop'?: (string)[];
  'privileged'?: (boolean);
  'init'?: (boolean);
  'ulimits'?: (_tsorch_v1_ContainerUlimit)[];
  'sysctls'?: ({[key: string]: string});
  'labels'?: ({[key: string]: string});
  'healthcheck'?: (_tsorch_v1_ContainerHealthCheck | null);
  'stopSignal'?: (string);
  'stopTimeoutS'?: (number);
  'shmSizeBytes'?: (number | string | Long);
  'dns'?: (_tsorch_v1_ServiceDns | null);
  'secrets'?: (_tsorch_v1_ServiceFileReference)[];
  'configs'?: (_tsorch_v1_ServiceFileReference)[];
}

export interface ServiceContainer__Output {
  'image': (string);
  'cmd': (string)[];
  'entrypoint': (string)[];
  'hasEntrypoint': (boolean);
  'env': (string)[];
  'workingDir': (string);
  'user': (string);
  'hostname': (string);
  'mounts': (_tsorch_v1_ContainerMount__Output)[];
  'readOnly': (boolean);
  'capAdd': (string)[];
  'capDrop': (string)[];
  'privileged': (boolean);
  'init': (boolean);
  'ulimits': (_tsorch_v1_ContainerUlimit__Output)[];
  'sysctls': ({[key: string]: string});
  'labels': ({[key: string]: string});
  'healthcheck': (_tsorch_v1_ContainerHealthCheck__Output | null);
  'stopSignal': (string);
  'stopTimeoutS': (number);
  'shmSizeBytes': (string);
  'dns': (_tsorch_v1_ServiceDns__Output | null);
  'secrets': (_tsorch_v1_ServiceFileReference__Output)[];
  'configs': (_tsorch_v1_ServiceFileReference__Output)[];
}

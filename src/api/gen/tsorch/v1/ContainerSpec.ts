// Original file: tsorch/v1/containers.proto

import type { ContainerMount as _tsorch_v1_ContainerMount, ContainerMount__Output as _tsorch_v1_ContainerMount__Output } from '../../tsorch/v1/ContainerMount.js';
import type { ContainerResources as _tsorch_v1_ContainerResources, ContainerResources__Output as _tsorch_v1_ContainerResources__Output } from '../../tsorch/v1/ContainerResources.js';
import type { ContainerUlimit as _tsorch_v1_ContainerUlimit, ContainerUlimit__Output as _tsorch_v1_ContainerUlimit__Output } from '../../tsorch/v1/ContainerUlimit.js';
import type { ContainerHealthCheck as _tsorch_v1_ContainerHealthCheck, ContainerHealthCheck__Output as _tsorch_v1_ContainerHealthCheck__Output } from '../../tsorch/v1/ContainerHealthCheck.js';
import type { ContainerNetworkAttachment as _tsorch_v1_ContainerNetworkAttachment, ContainerNetworkAttachment__Output as _tsorch_v1_ContainerNetworkAttachment__Output } from '../../tsorch/v1/ContainerNetworkAttachment.js';

export interface ContainerSpec {
  'image'?: (string);
  'name'?: (string);
  'cmd'?: (string)[];
  'entrypoint'?: (string)[];
  'hasEntrypoint'?: (boolean);
  'env'?: (string)[];
  'workingDir'?: (string);
  'user'?: (string);
  'hostname'?: (string);
  'mounts'?: (_tsorch_v1_ContainerMount)[];
  'publish'?: (string)[];
  'networkMode'?: (string);
  'resources'?: (_tsorch_v1_ContainerResources | null);
  'readOnly'?: (boolean);
  'capAdd'?: (string)[];
  'capDrop'?: (string)[];
  'privileged'?: (boolean);
  'init'?: (boolean);
  'ulimits'?: (_tsorch_v1_ContainerUlimit)[];
  'sysctls'?: ({[key: string]: string});
  'labels'?: ({[key: string]: string});
  'restartPolicy'?: (string);
  'autoRemove'?: (boolean);
  'healthcheck'?: (_tsorch_v1_ContainerHealthCheck | null);
  'healthOnFailure'?: (string);
  'stopSignal'?: (string);
  'stopTimeoutS'?: (number);
  'networks'?: (_tsorch_v1_ContainerNetworkAttachment)[];
  'logOpts'?: ({[key: string]: string});
  'tty'?: (boolean);
  'openStdin'?: (boolean);
}

export interface ContainerSpec__Output {
  'image': (string);
  'name': (string);
  'cmd': (string)[];
  'entrypoint': (string)[];
  'hasEntrypoint': (boolean);
  'env': (string)[];
  'workingDir': (string);
  'user': (string);
  'hostname': (string);
  'mounts': (_tsorch_v1_ContainerMount__Output)[];
  'publish': (string)[];
  'networkMode': (string);
  'resources': (_tsorch_v1_ContainerResources__Output | null);
  'readOnly': (boolean);
  'capAdd': (string)[];
  'capDrop': (string)[];
  'privileged': (boolean);
  'init': (boolean);
  'ulimits': (_tsorch_v1_ContainerUlimit__Output)[];
  'sysctls': ({[key: string]: string});
  'labels': ({[key: string]: string});
  'restartPolicy': (string);
  'autoRemove': (boolean);
  'healthcheck': (_tsorch_v1_ContainerHealthCheck__Output | null);
  'healthOnFailure': (string);
  'stopSignal': (string);
  'stopTimeoutS': (number);
  'networks': (_tsorch_v1_ContainerNetworkAttachment__Output)[];
  'logOpts': ({[key: string]: string});
  'tty': (boolean);
  'openStdin': (boolean);
}

// Original file: tsorch/v1/services.proto

import type { ServiceContainer as _tsorch_v1_ServiceContainer, ServiceContainer__Output as _tsorch_v1_ServiceContainer__Output } from '../../tsorch/v1/ServiceContainer.js';
import type { ServiceResources as _tsorch_v1_ServiceResources, ServiceResources__Output as _tsorch_v1_ServiceResources__Output } from '../../tsorch/v1/ServiceResources.js';
import type { ServiceRestartPolicy as _tsorch_v1_ServiceRestartPolicy, ServiceRestartPolicy__Output as _tsorch_v1_ServiceRestartPolicy__Output } from '../../tsorch/v1/ServiceRestartPolicy.js';
import type { ServicePlacement as _tsorch_v1_ServicePlacement, ServicePlacement__Output as _tsorch_v1_ServicePlacement__Output } from '../../tsorch/v1/ServicePlacement.js';
import type { ServiceNetworkAttachment as _tsorch_v1_ServiceNetworkAttachment, ServiceNetworkAttachment__Output as _tsorch_v1_ServiceNetworkAttachment__Output } from '../../tsorch/v1/ServiceNetworkAttachment.js';
import type { Long } from '@grpc/proto-loader';

export interface ServiceTaskTemplate {
  'container'?: (_tsorch_v1_ServiceContainer | null);
  'limits'?: (_tsorch_v1_ServiceResources | null);
  'reservations'?: (_tsorch_v1_ServiceResources | null);
  'restartPolicy'?: (_tsorch_v1_ServiceRestartPolicy | null);
  'placement'?: (_tsorch_v1_ServicePlacement | null);
  'networks'?: (_tsorch_v1_ServiceNetworkAttachment)[];
  'forceUpdate'?: (number | string | Long);
}

export interface ServiceTaskTemplate__Output {
  'container': (_tsorch_v1_ServiceContainer__Output | null);
  'limits': (_tsorch_v1_ServiceResources__Output | null);
  'reservations': (_tsorch_v1_ServiceResources__Output | null);
  'restartPolicy': (_tsorch_v1_ServiceRestartPolicy__Output | null);
  'placement': (_tsorch_v1_ServicePlacement__Output | null);
  'networks': (_tsorch_v1_ServiceNetworkAttachment__Output)[];
  'forceUpdate': (string);
}

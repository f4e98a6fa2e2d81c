// Original file: tsorch/v1/services.proto

import type { ServicePlatform as _tsorch_v1_ServicePlatform, ServicePlatform__Output as _tsorch_v1_ServicePlatform__Output } from '../../tsorch/v1/ServicePlatform.js';
import type { Long } from '@grpc/proto-loader';

export interface ServicePlacement {
  'constraints'?: (string)[];
  'preferences'?: (string)[];
  'maxReplicasPerNode'?: (number | string | Long);
  'platforms'?: (_tsorch_v1_ServicePlatform)[];
}

export interface ServicePlacement__Output {
  'constraints': (string)[];
  'preferences': (string)[];
  'maxReplicasPerNode': (string);
  'platforms': (_tsorch_v1_ServicePlatform__Output)[];
}

// Original file: tsorch/v1/services.proto

import type { ServiceExcludedNode as _tsorch_v1_ServiceExcludedNode, ServiceExcludedNode__Output as _tsorch_v1_ServiceExcludedNode__Output } from '../../tsorch/v1/ServiceExcludedNode.js';

export interface ServiceTaskExplanation {
  'taskId'?: (string);
  'taskName'?: (string);
  'storedMessage'?: (string);
  'fitsNow'?: (boolean);
  'message'?: (string);
  'nodes'?: (_tsorch_v1_ServiceExcludedNode)[];
  'lines'?: (string)[];
}

export interface ServiceTaskExplanation__Output {
  'taskId': (string);
  'taskName': (string);
  'storedMessage': (string);
  'fitsNow': (boolean);
  'message': (string);
  'nodes': (_tsorch_v1_ServiceExcludedNode__Output)[];
  'lines': (string)[];
}

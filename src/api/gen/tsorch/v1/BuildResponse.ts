// Original file: tsorch/v1/build.proto

import type { BuildStepEvent as _tsorch_v1_BuildStepEvent, BuildStepEvent__Output as _tsorch_v1_BuildStepEvent__Output } from '../../tsorch/v1/BuildStepEvent.js';

export interface BuildResponse {
  'step'?: (_tsorch_v1_BuildStepEvent | null);
  'output'?: (string);
  'imageId'?: (string);
  'event'?: "step"|"output"|"imageId";
}

export interface BuildResponse__Output {
  'step'?: (_tsorch_v1_BuildStepEvent__Output | null);
  'output'?: (string);
  'imageId'?: (string);
  'event'?: "step"|"output"|"imageId";
}

// Original file: tsorch/v1/images.proto

import type { ImageProgressEvent as _tsorch_v1_ImageProgressEvent, ImageProgressEvent__Output as _tsorch_v1_ImageProgressEvent__Output } from '../../tsorch/v1/ImageProgressEvent.js';

export interface PushImageResponse {
  'progress'?: (_tsorch_v1_ImageProgressEvent | null);
  'digest'?: (string);
  'message'?: "progress"|"digest";
}

export interface PushImageResponse__Output {
  'progress'?: (_tsorch_v1_ImageProgressEvent__Output | null);
  'digest'?: (string);
  'message'?: "progress"|"digest";
}

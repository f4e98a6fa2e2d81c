// Original file: tsorch/v1/images.proto

import type { ImageProgressEvent as _tsorch_v1_ImageProgressEvent, ImageProgressEvent__Output as _tsorch_v1_ImageProgressEvent__Output } from '../../tsorch/v1/ImageProgressEvent.js';
import type { ImageSummary as _tsorch_v1_ImageSummary, ImageSummary__Output as _tsorch_v1_ImageSummary__Output } from '../../tsorch/v1/ImageSummary.js';

export interface PullImageResponse {
  'progress'?: (_tsorch_v1_ImageProgressEvent | null);
  'image'?: (_tsorch_v1_ImageSummary | null);
  'message'?: "progress"|"image";
}

export interface PullImageResponse__Output {
  'progress'?: (_tsorch_v1_ImageProgressEvent__Output | null);
  'image'?: (_tsorch_v1_ImageSummary__Output | null);
  'message'?: "progress"|"image";
}

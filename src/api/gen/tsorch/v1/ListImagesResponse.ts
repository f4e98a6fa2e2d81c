// Original file: tsorch/v1/images.proto

import type { ImageSummary as _tsorch_v1_ImageSummary, ImageSummary__Output as _tsorch_v1_ImageSummary__Output } from '../../tsorch/v1/ImageSummary.js';

export interface ListImagesResponse {
  'images'?: (_tsorch_v1_ImageSummary)[];
}

export interface ListImagesResponse__Output {
  'images': (_tsorch_v1_ImageSummary__Output)[];
}

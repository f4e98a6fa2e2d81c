// Original file: tsorch/v1/images.proto


export interface ImageArchiveChunk {
  'data'?: (Buffer | Uint8Array | string);
}

export interface ImageArchiveChunk__Output {
  'data': (Buffer);
}

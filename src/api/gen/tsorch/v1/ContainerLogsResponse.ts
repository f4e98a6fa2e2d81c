// Original file: tsorch/v1/containers.proto


export interface ContainerLogsResponse {
  'stream'?: (string);
  'time'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface ContainerLogsResponse__Output {
  'stream': (string);
  'time': (string);
  'data': (Buffer);
}

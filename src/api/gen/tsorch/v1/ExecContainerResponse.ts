// Original file: tsorch/v1/containers.proto


export interface ExecContainerResponse {
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  'exitCode'?: (number);
  'event'?: "stdout"|"stderr"|"exitCode";
}

export interface ExecContainerResponse__Output {
  'stdout'?: (Buffer);
  'stderr'?: (Buffer);
  'exitCode'?: (number);
  'event'?: "stdout"|"stderr"|"exitCode";
}

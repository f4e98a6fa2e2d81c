// Original file: tsorch/v1/streams.proto


export interface AttachExit {
  'exitCode'?: (number);
  'oomKilled'?: (boolean);
}

export interface AttachExit__Output {
  'exitCode': (number);
  'oomKilled': (boolean);
}

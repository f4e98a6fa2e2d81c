// Original file: tsorch/v1/services.proto


export interface ServiceLogRecord {
  'taskId'?: (string);
  'taskName'?: (string);
  'nodeHostname'?: (string);
  'stream'?: (string);
  'time'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface ServiceLogRecord__Output {
  'taskId': (string);
  'taskName': (string);
  'nodeHostname': (string);
  'stream': (string);
  'time': (string);
  'data': (Buffer);
}

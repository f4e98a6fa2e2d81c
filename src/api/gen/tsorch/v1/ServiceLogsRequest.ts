// Original file: tsorch/v1/services.proto


export interface ServiceLogsRequest {
  'service'?: (string);
  'follow'?: (boolean);
  'tail'?: (number);
}

export interface ServiceLogsRequest__Output {
  'service': (string);
  'follow': (boolean);
  'tail': (number);
}

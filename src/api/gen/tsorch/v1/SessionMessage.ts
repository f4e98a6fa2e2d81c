// Original file: tsorch/v1/dispatcher.proto


export interface SessionMessage {
  'sessionId'?: (string);
  'nodeId'?: (string);
  'managers'?: (string)[];
}

export interface SessionMessage__Output {
  'sessionId': (string);
  'nodeId': (string);
  'managers': (string)[];
}

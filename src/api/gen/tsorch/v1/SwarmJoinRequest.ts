// Original file: tsorch/v1/cluster.proto


export interface SwarmJoinRequest {
  'token'?: (string);
  'remoteAddr'?: (string);
  'listenAddr'?: (string);
  'advertiseAddr'?: (string);
}

export interface SwarmJoinRequest__Output {
  'token': (string);
  'remoteAddr': (string);
  'listenAddr': (string);
  'advertiseAddr': (string);
}

// Original file: tsorch/v1/cluster.proto


export interface SwarmInitResponse {
  'nodeId'?: (string);
  'clusterId'?: (string);
  'advertiseAddr'?: (string);
  'workerToken'?: (string);
  'unlockKey'?: (string);
}

export interface SwarmInitResponse__Output {
  'nodeId': (string);
  'clusterId': (string);
  'advertiseAddr': (string);
  'workerToken': (string);
  'unlockKey': (string);
}

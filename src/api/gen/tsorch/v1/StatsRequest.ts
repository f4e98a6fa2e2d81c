// Original file: tsorch/v1/streams.proto


export interface StatsRequest {
  'containers'?: (string)[];
  'all'?: (boolean);
  'stream'?: (boolean);
  'intervalMs'?: (number);
}

export interface StatsRequest__Output {
  'containers': (string)[];
  'all': (boolean);
  'stream': (boolean);
  'intervalMs': (number);
}

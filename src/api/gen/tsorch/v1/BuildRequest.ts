// Original file: tsorch/v1/build.proto


export interface BuildRequest {
  'contextDir'?: (string);
  'dockerfile'?: (string);
  'tags'?: (string)[];
  'buildArgs'?: ({[key: string]: string});
  'target'?: (string);
  'noCache'?: (boolean);
}

export interface BuildRequest__Output {
  'contextDir': (string);
  'dockerfile': (string);
  'tags': (string)[];
  'buildArgs': ({[key: string]: string});
  'target': (string);
  'noCache': (boolean);
}

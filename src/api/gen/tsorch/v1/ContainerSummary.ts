// Original file: tsorch/v1/containers.proto


export interface ContainerSummary {
  'id'?: (string);
  'name'?: (string);
  'image'?: (string);
  'command'?: (string);
  'created'?: (string);
  'state'?: (string);
  'status'?: (string);
  'ports'?: (string)[];
}

export interface ContainerSummary__Output {
  'id': (string);
  'name': (string);
  'image': (string);
  'command': (string);
  'created': (string);
  'state': (string);
  'status': (string);
  'ports': (string)[];
}

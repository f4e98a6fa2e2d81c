// Original file: tsorch/v1/services.proto


export interface ServiceFileReference {
  'id'?: (string);
  'name'?: (string);
  'target'?: (string);
  'uid'?: (string);
  'gid'?: (string);
  'mode'?: (number);
}

export interface ServiceFileReference__Output {
  'id': (string);
  'name': (string);
  'target': (string);
  'uid': (string);
  'gid': (string);
  'mode': (number);
}

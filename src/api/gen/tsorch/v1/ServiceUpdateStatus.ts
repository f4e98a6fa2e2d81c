// Original file: tsorch/v1/services.proto


export interface ServiceUpdateStatus {
  'state'?: (string);
  'startedAt'?: (string);
  'completedAt'?: (string);
  'message'?: (string);
}

export interface ServiceUpdateStatus__Output {
  'state': (string);
  'startedAt': (string);
  'completedAt': (string);
  'message': (string);
}

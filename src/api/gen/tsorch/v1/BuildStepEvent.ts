// Original file: tsorch/v1/build.proto


export interface BuildStepEvent {
  'stage'?: (string);
  'step'?: (number);
  'total'?: (number);
  'text'?: (string);
  'cached'?: (boolean);
}

export interface BuildStepEvent__Output {
  'stage': (string);
  'step': (number);
  'total': (number);
  'text': (string);
  'cached': (boolean);
}

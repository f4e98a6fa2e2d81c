// Original file: tsorch/v1/services.proto


export interface ServicePlatform {
  'os'?: (string);
  'architecture'?: (string);
}

export interface ServicePlatform__Output {
  'os': (string);
  'architecture': (string);
}

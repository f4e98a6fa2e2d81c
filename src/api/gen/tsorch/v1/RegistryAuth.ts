// Original file: tsorch/v1/images.proto


export interface RegistryAuth {
  'username'?: (string);
  'password'?: (string);
}

export interface RegistryAuth__Output {
  'username': (string);
  'password': (string);
}

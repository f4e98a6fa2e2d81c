// Original file: tsorch/v1/images.proto


export interface RegistryLoginResponse {
}

export interface RegistryLoginResponse__Output {
}

// Original file: tsorch/v1/objects.proto


export interface CreateConfigRequest {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'data'?: (Buffer | Uint8Array | string);
}

export interface CreateConfigRequest__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'data': (Buffer);
}

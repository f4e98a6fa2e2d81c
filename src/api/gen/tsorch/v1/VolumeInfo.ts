// Original file: tsorch/v1/containers.proto


export interface VolumeInfo {
  'name'?: (string);
  'driver'?: (string);
  'mountpoint'?: (string);
  'labels'?: ({[key: string]: string});
  'createdAt'?: (string);
  'anonymous'?: (boolean);
  'usedBy'?: (string)[];
}

export interface VolumeInfo__Output {
  'name': (string);
  'driver': (string);
  'mountpoint': (string);
  'labels': ({[key: string]: string});
  'createdAt': (string);
  'anonymous': (boolean);
  'usedBy': (string)[];
}

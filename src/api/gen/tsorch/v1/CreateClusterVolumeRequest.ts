// Original file: tsorch/v1/objects.proto


export interface CreateClusterVolumeRequest {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'driver'?: (string);
  'driverOpts'?: ({[key: string]: string});
}

export interface CreateClusterVolumeRequest__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'driver': (string);
  'driverOpts': ({[key: string]: string});
}

// Original file: tsorch/v1/containers.proto


export interface ContainerTopProcess {
  'pid'?: (number);
  'ppid'?: (number);
  'uid'?: (number);
  'cmd'?: (string);
}

export interface ContainerTopProcess__Output {
  'pid': (number);
  'ppid': (number);
  'uid': (number);
  'cmd': (string);
}

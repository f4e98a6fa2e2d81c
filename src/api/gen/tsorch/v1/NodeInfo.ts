// Original file: tsorch/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface NodeInfo {
  'id'?: (string);
  'version'?: (number | string | Long);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'hostname'?: (string);
  'role'?: (string);
  'certRole'?: (string);
  'availability'?: (string);
  'labels'?: ({[key: string]: string});
  'state'?: (string);
  'statusMessage'?: (string);
  'addr'?: (string);
  'advertiseAddr'?: (string);
  'reachability'?: (string);
  'leader'?: (boolean);
  'raftId'?: (string);
  'managerAddr'?: (string);
  'self'?: (boolean);
}

export interface NodeInfo__Output {
  'id': (string);
  'version': (string);
  'createdAt': (string);
  'updatedAt': (string);
  'hostname': (string);
  'role': (string);
  'certRole': (string);
  'availability': (string);
  'labels': ({[key: string]: string});
  'state': (string);
  'statusMessage': (string);
  'addr': (string);
  'advertiseAddr': (string);
  'reachability': (string);
  'leader': (boolean);
  'raftId': (string);
  'managerAddr': (string);
  'self': (boolean);
}

// Original file: tsorch/v1/services.proto

import type { ServiceLogRecord as _tsorch_v1_ServiceLogRecord, ServiceLogRecord__Output as _tsorch_v1_ServiceLogRecord__Output } from '../../tsorch/v1/ServiceLogRecord.js';

export interface ServiceLogsResponse {
  'record'?: (_tsorch_v1_ServiceLogRecord | null);
  'note'?: (string);
  'event'?: "record"|"note";
}

export interface ServiceLogsResponse__Output {
  'record'?: (_tsorch_v1_ServiceLogRecord__Output | null);
  'note'?: (string);
  'event'?: "record"|"note";
}

// Original file: tsorch/v1/services.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateServiceRequest as _tsorch_v1_CreateServiceRequest, CreateServiceRequest__Output as _tsorch_v1_CreateServiceRequest__Output } from '../../tsorch/v1/CreateServiceRequest.js';
import type { CreateServiceResponse as _tsorch_v1_CreateServiceResponse, CreateServiceResponse__Output as _tsorch_v1_CreateServiceResponse__Output } from '../../tsorch/v1/CreateServiceResponse.js';
import type { EventsRequest as _tsorch_v1_EventsRequest, EventsRequest__Output as _tsorch_v1_EventsRequest__Output } from '../../tsorch/v1/EventsRequest.js';
import type { EventsResponse as _tsorch_v1_EventsResponse, EventsResponse__Output as _tsorch_v1_EventsResponse__Output } from '../../tsorch/v1/EventsResponse.js';
import type { ExplainTasksRequest as _tsorch_v1_ExplainTasksRequest, ExplainTasksRequest__Output as _tsorch_v1_ExplainTasksRequest__Output } from '../../tsorch/v1/ExplainTasksRequest.js';
import type { ExplainTasksResponse as _tsorch_v1_ExplainTasksResponse, ExplainTasksResponse__Output as _tsorch_v1_ExplainTasksResponse__Output } from '../../tsorch/v1/ExplainTasksResponse.js';
import type { GetServiceRequest as _tsorch_v1_GetServiceRequest, GetServiceRequest__Output as _tsorch_v1_GetServiceRequest__Output } from '../../tsorch/v1/GetServiceRequest.js';
import type { GetServiceResponse as _tsorch_v1_GetServiceResponse, GetServiceResponse__Output as _tsorch_v1_GetServiceResponse__Output } from '../../tsorch/v1/GetServiceResponse.js';
import type { ListServicesRequest as _tsorch_v1_ListServicesRequest, ListServicesRequest__Output as _tsorch_v1_ListServicesRequest__Output } from '../../tsorch/v1/ListServicesRequest.js';
import type { ListServicesResponse as _tsorch_v1_ListServicesResponse, ListServicesResponse__Output as _tsorch_v1_ListServicesResponse__Output } from '../../tsorch/v1/ListServicesResponse.js';
import type { ListTasksRequest as _tsorch_v1_ListTasksRequest, ListTasksRequest__Output as _tsorch_v1_ListTasksRequest__Output } from '../../tsorch/v1/ListTasksRequest.js';
import type { ListTasksResponse as _tsorch_v1_ListTasksResponse, ListTasksResponse__Output as _tsorch_v1_ListTasksResponse__Output } from '../../tsorch/v1/ListTasksResponse.js';
import type { RemoveServiceRequest as _tsorch_v1_RemoveServiceRequest, RemoveServiceRequest__Output as _tsorch_v1_RemoveServiceRequest__Output } from '../../tsorch/v1/RemoveServiceRequest.js';
import type { RemoveServiceResponse as _tsorch_v1_RemoveServiceResponse, RemoveServiceResponse__Output as _tsorch_v1_RemoveServiceResponse__Output } from '../../tsorch/v1/RemoveServiceResponse.js';
import type { RollbackServiceRequest as _tsorch_v1_RollbackServiceRequest, RollbackServiceRequest__Output as _tsorch_v1_RollbackServiceRequest__Output } from '../../tsorch/v1/RollbackServiceRequest.js';
import type { RollbackServiceResponse as _tsorch_v1_RollbackServiceResponse, RollbackServiceResponse__Output as _tsorch_v1_RollbackServiceResponse__Output } from '../../tsorch/v1/RollbackServiceResponse.js';
import type { ScaleServiceRequest as _tsorch_v1_ScaleServiceRequest, ScaleServiceRequest__Output as _tsorch_v1_ScaleServiceRequest__Output } from '../../tsorch/v1/ScaleServiceRequest.js';
import type { ScaleServiceResponse as _tsorch_v1_ScaleServiceResponse, ScaleServiceResponse__Output as _tsorch_v1_ScaleServiceResponse__Output } from '../../tsorch/v1/ScaleServiceResponse.js';
import type { ServiceLogsRequest as _tsorch_v1_ServiceLogsRequest, ServiceLogsRequest__Output as _tsorch_v1_ServiceLogsRequest__Output } from '../../tsorch/v1/ServiceLogsRequest.js';
import type { ServiceLogsResponse as _tsorch_v1_ServiceLogsResponse, ServiceLogsResponse__Output as _tsorch_v1_ServiceLogsResponse__Output } from '../../tsorch/v1/ServiceLogsResponse.js';
import type { UpdateServiceRequest as _tsorch_v1_UpdateServiceRequest, UpdateServiceRequest__Output as _tsorch_v1_UpdateServiceRequest__Output } from '../../tsorch/v1/UpdateServiceRequest.js';
import type { UpdateServiceResponse as _tsorch_v1_UpdateServiceResponse, UpdateServiceResponse__Output as _tsorch_v1_UpdateServiceResponse__Output } from '../../tsorch/v1/UpdateServiceResponse.js';

export interface ServicesClient extends grpc.Client {
  CreateService(argument: _tsorch_v1_CreateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateService(argument: _tsorch_v1_CreateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateService(argument: _tsorch_v1_CreateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateService(argument: _tsorch_v1_CreateServiceRequest, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _tsorch_v1_CreateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _tsorch_v1_CreateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _tsorch_v1_CreateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _tsorch_v1_CreateServiceRequest, callback: grpc.requestCallback<_tsorch_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  
  Events(argument: _tsorch_v1_EventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_EventsResponse__Output>;
  Events(argument: _tsorch_v1_EventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_EventsResponse__Output>;
  events(argument: _tsorch_v1_EventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_EventsResponse__Output>;
  events(argument: _tsorch_v1_EventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_EventsResponse__Output>;
  
  ExplainTasks(argument: _tsorch_v1_ExplainTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  ExplainTasks(argument: _tsorch_v1_ExplainTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  ExplainTasks(argument: _tsorch_v1_ExplainTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  ExplainTasks(argument: _tsorch_v1_ExplainTasksRequest, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  explainTasks(argument: _tsorch_v1_ExplainTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  explainTasks(argument: _tsorch_v1_ExplainTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  explainTasks(argument: _tsorch_v1_ExplainTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  explainTasks(argument: _tsorch_v1_ExplainTasksRequest, callback: grpc.requestCallback<_tsorch_v1_ExplainTasksResponse__Output>): grpc.ClientUnaryCall;
  
  GetService(argument: _tsorch_v1_GetServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  GetService(argument: _tsorch_v1_GetServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  GetService(argument: _tsorch_v1_GetServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  GetService(argument: _tsorch_v1_GetServiceRequest, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  getService(argument: _tsorch_v1_GetServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  getService(argument: _tsorch_v1_GetServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  getService(argument: _tsorch_v1_GetServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  getService(argument: _tsorch_v1_GetServiceRequest, callback: grpc.requestCallback<_tsorch_v1_GetServiceResponse__Output>): grpc.ClientUnaryCall;
  
  ListServices(argument: _tsorch_v1_ListServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _tsorch_v1_ListServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _tsorch_v1_ListServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _tsorch_v1_ListServicesRequest, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _tsorch_v1_ListServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _tsorch_v1_ListServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _tsorch_v1_ListServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _tsorch_v1_ListServicesRequest, callback: grpc.requestCallback<_tsorch_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTasks(argument: _tsorch_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _tsorch_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _tsorch_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _tsorch_v1_ListTasksRequest, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _tsorch_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _tsorch_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _tsorch_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _tsorch_v1_ListTasksRequest, callback: grpc.requestCallback<_tsorch_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveService(argument: _tsorch_v1_RemoveServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  RemoveService(argument: _tsorch_v1_RemoveServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  RemoveService(argument: _tsorch_v1_RemoveServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  RemoveService(argument: _tsorch_v1_RemoveServiceRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  removeService(argument: _tsorch_v1_RemoveServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  removeService(argument: _tsorch_v1_RemoveServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  removeService(argument: _tsorch_v1_RemoveServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  removeService(argument: _tsorch_v1_RemoveServiceRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveServiceResponse__Output>): grpc.ClientUnaryCall;
  
  RollbackService(argument: _tsorch_v1_RollbackServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  RollbackService(argument: _tsorch_v1_RollbackServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  RollbackService(argument: _tsorch_v1_RollbackServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  RollbackService(argument: _tsorch_v1_RollbackServiceRequest, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  rollbackService(argument: _tsorch_v1_RollbackServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  rollbackService(argument: _tsorch_v1_RollbackServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  rollbackService(argument: _tsorch_v1_RollbackServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  rollbackService(argument: _tsorch_v1_RollbackServiceRequest, callback: grpc.requestCallback<_tsorch_v1_RollbackServiceResponse__Output>): grpc.ClientUnaryCall;
  
  ScaleService(argument: _tsorch_v1_ScaleServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  ScaleService(argument: _tsorch_v1_ScaleServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  ScaleService(argument: _tsorch_v1_ScaleServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  ScaleService(argument: _tsorch_v1_ScaleServiceRequest, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  scaleService(argument: _tsorch_v1_ScaleServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  scaleService(argument: _tsorch_v1_ScaleServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  scaleService(argument: _tsorch_v1_ScaleServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  scaleService(argument: _tsorch_v1_ScaleServiceRequest, callback: grpc.requestCallback<_tsorch_v1_ScaleServiceResponse__Output>): grpc.ClientUnaryCall;
  
  ServiceLogs(argument: _tsorch_v1_ServiceLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ServiceLogsResponse__Output>;
  ServiceLogs(argument: _tsorch_v1_ServiceLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ServiceLogsResponse__Output>;
  serviceLogs(argument: _tsorch_v1_ServiceLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ServiceLogsResponse__Output>;
  serviceLogs(argument: _tsorch_v1_ServiceLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ServiceLogsResponse__Output>;
  
  UpdateService(argument: _tsorch_v1_UpdateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateService(argument: _tsorch_v1_UpdateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateService(argument: _tsorch_v1_UpdateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateService(argument: _tsorch_v1_UpdateServiceRequest, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _tsorch_v1_UpdateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _tsorch_v1_UpdateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _tsorch_v1_UpdateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _tsorch_v1_UpdateServiceRequest, callback: grpc.requestCallback<_tsorch_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ServicesHandlers extends grpc.UntypedServiceImplementation {
  CreateService: grpc.handleUnaryCall<_tsorch_v1_CreateServiceRequest__Output, _tsorch_v1_CreateServiceResponse>;
  
  Events: grpc.handleServerStreamingCall<_tsorch_v1_EventsRequest__Output, _tsorch_v1_EventsResponse>;
  
  ExplainTasks: grpc.handleUnaryCall<_tsorch_v1_ExplainTasksRequest__Output, _tsorch_v1_ExplainTasksResponse>;
  
  GetService: grpc.handleUnaryCall<_tsorch_v1_GetServiceRequest__Output, _tsorch_v1_GetServiceResponse>;
  
  ListServices: grpc.handleUnaryCall<_tsorch_v1_ListServicesRequest__Output, _tsorch_v1_ListServicesResponse>;
  
  ListTasks: grpc.handleUnaryCall<_tsorch_v1_ListTasksRequest__Output, _tsorch_v1_ListTasksResponse>;
  
  RemoveService: grpc.handleUnaryCall<_tsorch_v1_RemoveServiceRequest__Output, _tsorch_v1_RemoveServiceResponse>;
  
  RollbackService: grpc.handleUnaryCall<_tsorch_v1_RollbackServiceRequest__Output, _tsorch_v1_RollbackServiceResponse>;
  
  ScaleService: grpc.handleUnaryCall<_tsorch_v1_ScaleServiceRequest__Output, _tsorch_v1_ScaleServiceResponse>;
  
  ServiceLogs: grpc.handleServerStreamingCall<_tsorch_v1_ServiceLogsRequest__Output, _tsorch_v1_ServiceLogsResponse>;
  
  UpdateService: grpc.handleUnaryCall<_tsorch_v1_UpdateServiceRequest__Output, _tsorch_v1_UpdateServiceResponse>;
  
}

export interface ServicesDefinition extends grpc.ServiceDefinition {
  CreateService: MethodDefinition<_tsorch_v1_CreateServiceRequest, _tsorch_v1_CreateServiceResponse, _tsorch_v1_CreateServiceRequest__Output, _tsorch_v1_CreateServiceResponse__Output>
  Events: MethodDefinition<_tsorch_v1_EventsRequest, _tsorch_v1_EventsResponse, _tsorch_v1_EventsRequest__Output, _tsorch_v1_EventsResponse__Output>
  ExplainTasks: MethodDefinition<_tsorch_v1_ExplainTasksRequest, _tsorch_v1_ExplainTasksResponse, _tsorch_v1_ExplainTasksRequest__Output, _tsorch_v1_ExplainTasksResponse__Output>
  GetService: MethodDefinition<_tsorch_v1_GetServiceRequest, _tsorch_v1_GetServiceResponse, _tsorch_v1_GetServiceRequest__Output, _tsorch_v1_GetServiceResponse__Output>
  ListServices: MethodDefinition<_tsorch_v1_ListServicesRequest, _tsorch_v1_ListServicesResponse, _tsorch_v1_ListServicesRequest__Output, _tsorch_v1_ListServicesResponse__Output>
  ListTasks: MethodDefinition<_tsorch_v1_ListTasksRequest, _tsorch_v1_ListTasksResponse, _tsorch_v1_ListTasksRequest__Output, _tsorch_v1_ListTasksResponse__Output>
  RemoveService: MethodDefinition<_tsorch_v1_RemoveServiceRequest, _tsorch_v1_RemoveServiceResponse, _tsorch_v1_RemoveServiceRequest__Output, _tsorch_v1_RemoveServiceResponse__Output>
  RollbackService: MethodDefinition<_tsorch_v1_RollbackServiceRequest, _tsorch_v1_RollbackServiceResponse, _tsorch_v1_RollbackServiceRequest__Output, _tsorch_v1_RollbackServiceResponse__Output>
  ScaleService: MethodDefinition<_tsorch_v1_ScaleServiceRequest, _tsorch_v1_ScaleServiceResponse, _tsorch_v1_ScaleServiceRequest__Output, _tsorch_v1_ScaleServiceResponse__Output>
  ServiceLogs: MethodDefinition<_tsorch_v1_ServiceLogsRequest, _tsorch_v1_ServiceLogsResponse, _tsorch_v1_ServiceLogsRequest__Output, _tsorch_v1_ServiceLogsResponse__Output>
  UpdateService: MethodDefinition<_tsorch_v1_UpdateServiceRequest, _tsorch_v1_UpdateServiceResponse, _tsorch_v1_UpdateServiceRequest__Output, _tsorch_v1_UpdateServiceResponse__Output>
}

// Original file: tsorch/v1/containers.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ContainerLogsRequest as _tsorch_v1_ContainerLogsRequest, ContainerLogsRequest__Output as _tsorch_v1_ContainerLogsRequest__Output } from '../../tsorch/v1/ContainerLogsRequest.js';
import type { ContainerLogsResponse as _tsorch_v1_ContainerLogsResponse, ContainerLogsResponse__Output as _tsorch_v1_ContainerLogsResponse__Output } from '../../tsorch/v1/ContainerLogsResponse.js';
import type { ContainerStatsRequest as _tsorch_v1_ContainerStatsRequest, ContainerStatsRequest__Output as _tsorch_v1_ContainerStatsRequest__Output } from '../../tsorch/v1/ContainerStatsRequest.js';
import type { ContainerStatsResponse as _tsorch_v1_ContainerStatsResponse, ContainerStatsResponse__Output as _tsorch_v1_ContainerStatsResponse__Output } from '../../tsorch/v1/ContainerStatsResponse.js';
import type { CreateContainerRequest as _tsorch_v1_CreateContainerRequest, CreateContainerRequest__Output as _tsorch_v1_CreateContainerRequest__Output } from '../../tsorch/v1/CreateContainerRequest.js';
import type { CreateContainerResponse as _tsorch_v1_CreateContainerResponse, CreateContainerResponse__Output as _tsorch_v1_CreateContainerResponse__Output } from '../../tsorch/v1/CreateContainerResponse.js';
import type { ExecContainerRequest as _tsorch_v1_ExecContainerRequest, ExecContainerRequest__Output as _tsorch_v1_ExecContainerRequest__Output } from '../../tsorch/v1/ExecContainerRequest.js';
import type { ExecContainerResponse as _tsorch_v1_ExecContainerResponse, ExecContainerResponse__Output as _tsorch_v1_ExecContainerResponse__Output } from '../../tsorch/v1/ExecContainerResponse.js';
import type { ExecInteractiveRequest as _tsorch_v1_ExecInteractiveRequest, ExecInteractiveRequest__Output as _tsorch_v1_ExecInteractiveRequest__Output } from '../../tsorch/v1/ExecInteractiveRequest.js';
import type { InspectContainerRequest as _tsorch_v1_InspectContainerRequest, InspectContainerRequest__Output as _tsorch_v1_InspectContainerRequest__Output } from '../../tsorch/v1/InspectContainerRequest.js';
import type { InspectContainerResponse as _tsorch_v1_InspectContainerResponse, InspectContainerResponse__Output as _tsorch_v1_InspectContainerResponse__Output } from '../../tsorch/v1/InspectContainerResponse.js';
import type { KillContainerRequest as _tsorch_v1_KillContainerRequest, KillContainerRequest__Output as _tsorch_v1_KillContainerRequest__Output } from '../../tsorch/v1/KillContainerRequest.js';
import type { KillContainerResponse as _tsorch_v1_KillContainerResponse, KillContainerResponse__Output as _tsorch_v1_KillContainerResponse__Output } from '../../tsorch/v1/KillContainerResponse.js';
import type { ListContainersRequest as _tsorch_v1_ListContainersRequest, ListContainersRequest__Output as _tsorch_v1_ListContainersRequest__Output } from '../../tsorch/v1/ListContainersRequest.js';
import type { ListContainersResponse as _tsorch_v1_ListContainersResponse, ListContainersResponse__Output as _tsorch_v1_ListContainersResponse__Output } from '../../tsorch/v1/ListContainersResponse.js';
import type { PauseContainerRequest as _tsorch_v1_PauseContainerRequest, PauseContainerRequest__Output as _tsorch_v1_PauseContainerRequest__Output } from '../../tsorch/v1/PauseContainerRequest.js';
import type { PauseContainerResponse as _tsorch_v1_PauseContainerResponse, PauseContainerResponse__Output as _tsorch_v1_PauseContainerResponse__Output } from '../../tsorch/v1/PauseContainerResponse.js';
import type { RemoveContainerRequest as _tsorch_v1_RemoveContainerRequest, RemoveContainerRequest__Output as _tsorch_v1_RemoveContainerRequest__Output } from '../../tsorch/v1/RemoveContainerRequest.js';
import type { RemoveContainerResponse as _tsorch_v1_RemoveContainerResponse, RemoveContainerResponse__Output as _tsorch_v1_RemoveContainerResponse__Output } from '../../tsorch/v1/RemoveContainerResponse.js';
import type { RestartContainerRequest as _tsorch_v1_RestartContainerRequest, RestartContainerRequest__Output as _tsorch_v1_RestartContainerRequest__Output } from '../../tsorch/v1/RestartContainerRequest.js';
import type { RestartContainerResponse as _tsorch_v1_RestartContainerResponse, RestartContainerResponse__Output as _tsorch_v1_RestartContainerResponse__Output } from '../../tsorch/v1/RestartContainerResponse.js';
import type { RunContainerRequest as _tsorch_v1_RunContainerRequest, RunContainerRequest__Output as _tsorch_v1_RunContainerRequest__Output } from '../../tsorch/v1/RunContainerRequest.js';
import type { RunContainerResponse as _tsorch_v1_RunContainerResponse, RunContainerResponse__Output as _tsorch_v1_RunContainerResponse__Output } from '../../tsorch/v1/RunContainerResponse.js';
import type { StartContainerRequest as _tsorch_v1_StartContainerRequest, StartContainerRequest__Output as _tsorch_v1_StartContainerRequest__Output } from '../../tsorch/v1/StartContainerRequest.js';
import type { StartContainerResponse as _tsorch_v1_StartContainerResponse, StartContainerResponse__Output as _tsorch_v1_StartContainerResponse__Output } from '../../tsorch/v1/StartContainerResponse.js';
import type { StopContainerRequest as _tsorch_v1_StopContainerRequest, StopContainerRequest__Output as _tsorch_v1_StopContainerRequest__Output } from '../../tsorch/v1/StopContainerRequest.js';
import type { StopContainerResponse as _tsorch_v1_StopContainerResponse, StopContainerResponse__Output as _tsorch_v1_StopContainerResponse__Output } from '../../tsorch/v1/StopContainerResponse.js';
import type { TopContainerRequest as _tsorch_v1_TopContainerRequest, TopContainerRequest__Output as _tsorch_v1_TopContainerRequest__Output } from '../../tsorch/v1/TopContainerRequest.js';
import type { TopContainerResponse as _tsorch_v1_TopContainerResponse, TopContainerResponse__Output as _tsorch_v1_TopContainerResponse__Output } from '../../tsorch/v1/TopContainerResponse.js';
import type { UnpauseContainerRequest as _tsorch_v1_UnpauseContainerRequest, UnpauseContainerRequest__Output as _tsorch_v1_UnpauseContainerRequest__Output } from '../../tsorch/v1/UnpauseContainerRequest.js';
import type { UnpauseContainerResponse as _tsorch_v1_UnpauseContainerResponse, UnpauseContainerResponse__Output as _tsorch_v1_UnpauseContainerResponse__Output } from '../../tsorch/v1/UnpauseContainerResponse.js';
import type { WaitContainerRequest as _tsorch_v1_WaitContainerRequest, WaitContainerRequest__Output as _tsorch_v1_WaitContainerRequest__Output } from '../../tsorch/v1/WaitContainerRequest.js';
import type { WaitContainerResponse as _tsorch_v1_WaitContainerResponse, WaitContainerResponse__Output as _tsorch_v1_WaitContainerResponse__Output } from '../../tsorch/v1/WaitContainerResponse.js';

export interface ContainersClient extends grpc.Client {
  Create(argument: _tsorch_v1_CreateContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateContainerRequest, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateContainerRequest, callback: grpc.requestCallback<_tsorch_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Exec(argument: _tsorch_v1_ExecContainerRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ExecContainerResponse__Output>;
  Exec(argument: _tsorch_v1_ExecContainerRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ExecContainerResponse__Output>;
  exec(argument: _tsorch_v1_ExecContainerRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ExecContainerResponse__Output>;
  exec(argument: _tsorch_v1_ExecContainerRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ExecContainerResponse__Output>;
  
  ExecInteractive(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecContainerResponse__Output>;
  ExecInteractive(options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecContainerResponse__Output>;
  execInteractive(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecContainerResponse__Output>;
  execInteractive(options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecContainerResponse__Output>;
  
  Inspect(argument: _tsorch_v1_InspectContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectContainerRequest, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectContainerRequest, callback: grpc.requestCallback<_tsorch_v1_InspectContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Kill(argument: _tsorch_v1_KillContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _tsorch_v1_KillContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _tsorch_v1_KillContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _tsorch_v1_KillContainerRequest, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _tsorch_v1_KillContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _tsorch_v1_KillContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _tsorch_v1_KillContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _tsorch_v1_KillContainerRequest, callback: grpc.requestCallback<_tsorch_v1_KillContainerResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _tsorch_v1_ListContainersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListContainersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListContainersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListContainersRequest, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListContainersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListContainersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListContainersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListContainersRequest, callback: grpc.requestCallback<_tsorch_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  
  Logs(argument: _tsorch_v1_ContainerLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ContainerLogsResponse__Output>;
  Logs(argument: _tsorch_v1_ContainerLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ContainerLogsResponse__Output>;
  logs(argument: _tsorch_v1_ContainerLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ContainerLogsResponse__Output>;
  logs(argument: _tsorch_v1_ContainerLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ContainerLogsResponse__Output>;
  
  Pause(argument: _tsorch_v1_PauseContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _tsorch_v1_PauseContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _tsorch_v1_PauseContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _tsorch_v1_PauseContainerRequest, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _tsorch_v1_PauseContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _tsorch_v1_PauseContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _tsorch_v1_PauseContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _tsorch_v1_PauseContainerRequest, callback: grpc.requestCallback<_tsorch_v1_PauseContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Remove(argument: _tsorch_v1_RemoveContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveContainerRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveContainerRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Restart(argument: _tsorch_v1_RestartContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  Restart(argument: _tsorch_v1_RestartContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  Restart(argument: _tsorch_v1_RestartContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  Restart(argument: _tsorch_v1_RestartContainerRequest, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  restart(argument: _tsorch_v1_RestartContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  restart(argument: _tsorch_v1_RestartContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  restart(argument: _tsorch_v1_RestartContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  restart(argument: _tsorch_v1_RestartContainerRequest, callback: grpc.requestCallback<_tsorch_v1_RestartContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Run(argument: _tsorch_v1_RunContainerRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_RunContainerResponse__Output>;
  Run(argument: _tsorch_v1_RunContainerRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_RunContainerResponse__Output>;
  run(argument: _tsorch_v1_RunContainerRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_RunContainerResponse__Output>;
  run(argument: _tsorch_v1_RunContainerRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_RunContainerResponse__Output>;
  
  Start(argument: _tsorch_v1_StartContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _tsorch_v1_StartContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _tsorch_v1_StartContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _tsorch_v1_StartContainerRequest, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _tsorch_v1_StartContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _tsorch_v1_StartContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _tsorch_v1_StartContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _tsorch_v1_StartContainerRequest, callback: grpc.requestCallback<_tsorch_v1_StartContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Stats(argument: _tsorch_v1_ContainerStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  Stats(argument: _tsorch_v1_ContainerStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  Stats(argument: _tsorch_v1_ContainerStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  Stats(argument: _tsorch_v1_ContainerStatsRequest, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _tsorch_v1_ContainerStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _tsorch_v1_ContainerStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _tsorch_v1_ContainerStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _tsorch_v1_ContainerStatsRequest, callback: grpc.requestCallback<_tsorch_v1_ContainerStatsResponse__Output>): grpc.ClientUnaryCall;
  
  Stop(argument: _tsorch_v1_StopContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  Stop(argument: _tsorch_v1_StopContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  Stop(argument: _tsorch_v1_StopContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  Stop(argument: _tsorch_v1_StopContainerRequest, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _tsorch_v1_StopContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _tsorch_v1_StopContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _tsorch_v1_StopContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _tsorch_v1_StopContainerRequest, callback: grpc.requestCallback<_tsorch_v1_StopContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Top(argument: _tsorch_v1_TopContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  Top(argument: _tsorch_v1_TopContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  Top(argument: _tsorch_v1_TopContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  Top(argument: _tsorch_v1_TopContainerRequest, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  top(argument: _tsorch_v1_TopContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  top(argument: _tsorch_v1_TopContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  top(argument: _tsorch_v1_TopContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  top(argument: _tsorch_v1_TopContainerRequest, callback: grpc.requestCallback<_tsorch_v1_TopContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Unpause(argument: _tsorch_v1_UnpauseContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  Unpause(argument: _tsorch_v1_UnpauseContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  Unpause(argument: _tsorch_v1_UnpauseContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  Unpause(argument: _tsorch_v1_UnpauseContainerRequest, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  unpause(argument: _tsorch_v1_UnpauseContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  unpause(argument: _tsorch_v1_UnpauseContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  unpause(argument: _tsorch_v1_UnpauseContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  unpause(argument: _tsorch_v1_UnpauseContainerRequest, callback: grpc.requestCallback<_tsorch_v1_UnpauseContainerResponse__Output>): grpc.ClientUnaryCall;
  
  Wait(argument: _tsorch_v1_WaitContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _tsorch_v1_WaitContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _tsorch_v1_WaitContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _tsorch_v1_WaitContainerRequest, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _tsorch_v1_WaitContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _tsorch_v1_WaitContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _tsorch_v1_WaitContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _tsorch_v1_WaitContainerRequest, callback: grpc.requestCallback<_tsorch_v1_WaitContainerResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ContainersHandlers extends grpc.UntypedServiceImplementation {
  Create: grpc.handleUnaryCall<_tsorch_v1_CreateContainerRequest__Output, _tsorch_v1_CreateContainerResponse>;
  
  Exec: grpc.handleServerStreamingCall<_tsorch_v1_ExecContainerRequest__Output, _tsorch_v1_ExecContainerResponse>;
  
  ExecInteractive: grpc.handleBidiStreamingCall<_tsorch_v1_ExecInteractiveRequest__Output, _tsorch_v1_ExecContainerResponse>;
  
  Inspect: grpc.handleUnaryCall<_tsorch_v1_InspectContainerRequest__Output, _tsorch_v1_InspectContainerResponse>;
  
  Kill: grpc.handleUnaryCall<_tsorch_v1_KillContainerRequest__Output, _tsorch_v1_KillContainerResponse>;
  
  List: grpc.handleUnaryCall<_tsorch_v1_ListContainersRequest__Output, _tsorch_v1_ListContainersResponse>;
  
  Logs: grpc.handleServerStreamingCall<_tsorch_v1_ContainerLogsRequest__Output, _tsorch_v1_ContainerLogsResponse>;
  
  Pause: grpc.handleUnaryCall<_tsorch_v1_PauseContainerRequest__Output, _tsorch_v1_PauseContainerResponse>;
  
  Remove: grpc.handleUnaryCall<_tsorch_v1_RemoveContainerRequest__Output, _tsorch_v1_RemoveContainerResponse>;
  
  Restart: grpc.handleUnaryCall<_tsorch_v1_RestartContainerRequest__Output, _tsorch_v1_RestartContainerResponse>;
  
  Run: grpc.handleServerStreamingCall<_tsorch_v1_RunContainerRequest__Output, _tsorch_v1_RunContainerResponse>;
  
  Start: grpc.handleUnaryCall<_tsorch_v1_StartContainerRequest__Output, _tsorch_v1_StartContainerResponse>;
  
  Stats: grpc.handleUnaryCall<_tsorch_v1_ContainerStatsRequest__Output, _tsorch_v1_ContainerStatsResponse>;
  
  Stop: grpc.handleUnaryCall<_tsorch_v1_StopContainerRequest__Output, _tsorch_v1_StopContainerResponse>;
  
  Top: grpc.handleUnaryCall<_tsorch_v1_TopContainerRequest__Output, _tsorch_v1_TopContainerResponse>;
  
  Unpause: grpc.handleUnaryCall<_tsorch_v1_UnpauseContainerRequest__Output, _tsorch_v1_UnpauseContainerResponse>;
  
  Wait: grpc.handleUnaryCall<_tsorch_v1_WaitContainerRequest__Output, _tsorch_v1_WaitContainerResponse>;
  
}

export interface ContainersDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_tsorch_v1_CreateContainerRequest, _tsorch_v1_CreateContainerResponse, _tsorch_v1_CreateContainerRequest__Output, _tsorch_v1_CreateContainerResponse__Output>
  Exec: MethodDefinition<_tsorch_v1_ExecContainerRequest, _tsorch_v1_ExecContainerResponse, _tsorch_v1_ExecContainerRequest__Output, _tsorch_v1_ExecContainerResponse__Output>
  ExecInteractive: MethodDefinition<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecContainerResponse, _tsorch_v1_ExecInteractiveRequest__Output, _tsorch_v1_ExecContainerResponse__Output>
  Inspect: MethodDefinition<_tsorch_v1_InspectContainerRequest, _tsorch_v1_InspectContainerResponse, _tsorch_v1_InspectContainerRequest__Output, _tsorch_v1_InspectContainerResponse__Output>
  Kill: MethodDefinition<_tsorch_v1_KillContainerRequest, _tsorch_v1_KillContainerResponse, _tsorch_v1_KillContainerRequest__Output, _tsorch_v1_KillContainerResponse__Output>
  List: MethodDefinition<_tsorch_v1_ListContainersRequest, _tsorch_v1_ListContainersResponse, _tsorch_v1_ListContainersRequest__Output, _tsorch_v1_ListContainersResponse__Output>
  Logs: MethodDefinition<_tsorch_v1_ContainerLogsRequest, _tsorch_v1_ContainerLogsResponse, _tsorch_v1_ContainerLogsRequest__Output, _tsorch_v1_ContainerLogsResponse__Output>
  Pause: MethodDefinition<_tsorch_v1_PauseContainerRequest, _tsorch_v1_PauseContainerResponse, _tsorch_v1_PauseContainerRequest__Output, _tsorch_v1_PauseContainerResponse__Output>
  Remove: MethodDefinition<_tsorch_v1_RemoveContainerRequest, _tsorch_v1_RemoveContainerResponse, _tsorch_v1_RemoveContainerRequest__Output, _tsorch_v1_RemoveContainerResponse__Output>
  Restart: MethodDefinition<_tsorch_v1_RestartContainerRequest, _tsorch_v1_RestartContainerResponse, _tsorch_v1_RestartContainerRequest__Output, _tsorch_v1_RestartContainerResponse__Output>
  Run: MethodDefinition<_tsorch_v1_RunContainerRequest, _tsorch_v1_RunContainerResponse, _tsorch_v1_RunContainerRequest__Output, _tsorch_v1_RunContainerResponse__Output>
  Start: MethodDefinition<_tsorch_v1_StartContainerRequest, _tsorch_v1_StartContainerResponse, _tsorch_v1_StartContainerRequest__Output, _tsorch_v1_StartContainerResponse__Output>
  Stats: MethodDefinition<_tsorch_v1_ContainerStatsRequest, _tsorch_v1_ContainerStatsResponse, _tsorch_v1_ContainerStatsRequest__Output, _tsorch_v1_ContainerStatsResponse__Output>
  Stop: MethodDefinition<_tsorch_v1_StopContainerRequest, _tsorch_v1_StopContainerResponse, _tsorch_v1_StopContainerRequest__Output, _tsorch_v1_StopContainerResponse__Output>
  Top: MethodDefinition<_tsorch_v1_TopContainerRequest, _tsorch_v1_TopContainerResponse, _tsorch_v1_TopContainerRequest__Output, _tsorch_v1_TopContainerResponse__Output>
  Unpause: MethodDefinition<_tsorch_v1_UnpauseContainerRequest, _tsorch_v1_UnpauseContainerResponse, _tsorch_v1_UnpauseContainerRequest__Output, _tsorch_v1_UnpauseContainerResponse__Output>
  Wait: MethodDefinition<_tsorch_v1_WaitContainerRequest, _tsorch_v1_WaitContainerResponse, _tsorch_v1_WaitContainerRequest__Output, _tsorch_v1_WaitContainerResponse__Output>
}

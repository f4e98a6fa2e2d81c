import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ContainerHealthCheck as _tsorch_v1_ContainerHealthCheck, ContainerHealthCheck__Output as _tsorch_v1_ContainerHealthCheck__Output } from './tsorch/v1/ContainerHealthCheck.js';
import type { ContainerLogsRequest as _tsorch_v1_ContainerLogsRequest, ContainerLogsRequest__Output as _tsorch_v1_ContainerLogsRequest__Output } from './tsorch/v1/ContainerLogsRequest.js';
import type { ContainerLogsResponse as _tsorch_v1_ContainerLogsResponse, ContainerLogsResponse__Output as _tsorch_v1_ContainerLogsResponse__Output } from './tsorch/v1/ContainerLogsResponse.js';
import type { ContainerMount as _tsorch_v1_ContainerMount, ContainerMount__Output as _tsorch_v1_ContainerMount__Output } from './tsorch/v1/ContainerMount.js';
import type { ContainerNetworkAttachment as _tsorch_v1_ContainerNetworkAttachment, ContainerNetworkAttachment__Output as _tsorch_v1_ContainerNetworkAttachment__Output } from './tsorch/v1/ContainerNetworkAttachment.js';
import type { ContainerResources as _tsorch_v1_ContainerResources, ContainerResources__Output as _tsorch_v1_ContainerResources__Output } from './tsorch/v1/ContainerResources.js';
import type { ContainerSpec as _tsorch_v1_ContainerSpec, ContainerSpec__Output as _tsorch_v1_ContainerSpec__Output } from './tsorch/v1/ContainerSpec.js';
import type { ContainerStatsRequest as _tsorch_v1_ContainerStatsRequest, ContainerStatsRequest__Output as _tsorch_v1_ContainerStatsRequest__Output } from './tsorch/v1/ContainerStatsRequest.js';
import type { ContainerStatsResponse as _tsorch_v1_ContainerStatsResponse, ContainerStatsResponse__Output as _tsorch_v1_ContainerStatsResponse__Output } from './tsorch/v1/ContainerStatsResponse.js';
import type { ContainerSummary as _tsorch_v1_ContainerSummary, ContainerSummary__Output as _tsorch_v1_ContainerSummary__Output } from './tsorch/v1/ContainerSummary.js';
import type { ContainerTopProcess as _tsorch_v1_ContainerTopProcess, ContainerTopProcess__Output as _tsorch_v1_ContainerTopProcess__Output } from './tsorch/v1/ContainerTopProcess.js';
import type { ContainerUlimit as _tsorch_v1_ContainerUlimit, ContainerUlimit__Output as _tsorch_v1_ContainerUlimit__Output } from './tsorch/v1/ContainerUlimit.js';
import type { ContainersClient as _tsorch_v1_ContainersClient, ContainersDefinition as _tsorch_v1_ContainersDefinition } from './tsorch/v1/Containers.js';
import type { CreateContainerRequest as _tsorch_v1_CreateContainerRequest, CreateContainerRequest__Output as _tsorch_v1_CreateContainerRequest__Output } from './tsorch/v1/CreateContainerRequest.js';
import type { CreateContainerResponse as _tsorch_v1_CreateContainerResponse, CreateContainerResponse__Output as _tsorch_v1_CreateContainerResponse__Output } from './tsorch/v1/CreateContainerResponse.js';
import type { CreateVolumeRequest as _tsorch_v1_CreateVolumeRequest, CreateVolumeRequest__Output as _tsorch_v1_CreateVolumeRequest__Output } from './tsorch/v1/CreateVolumeRequest.js';
import type { CreateVolumeResponse as _tsorch_v1_CreateVolumeResponse, CreateVolumeResponse__Output as _tsorch_v1_CreateVolumeResponse__Output } from './tsorch/v1/CreateVolumeResponse.js';
import type { ExecContainerRequest as _tsorch_v1_ExecContainerRequest, ExecContainerRequest__Output as _tsorch_v1_ExecContainerRequest__Output } from './tsorch/v1/ExecContainerRequest.js';
import type { ExecContainerResponse as _tsorch_v1_ExecContainerResponse, ExecContainerResponse__Output as _tsorch_v1_ExecContainerResponse__Output } from './tsorch/v1/ExecContainerResponse.js';
import type { ExecInteractiveRequest as _tsorch_v1_ExecInteractiveRequest, ExecInteractiveRequest__Output as _tsorch_v1_ExecInteractiveRequest__Output } from './tsorch/v1/ExecInteractiveRequest.js';
import type { InspectContainerRequest as _tsorch_v1_InspectContainerRequest, InspectContainerRequest__Output as _tsorch_v1_InspectContainerRequest__Output } from './tsorch/v1/InspectContainerRequest.js';
import type { InspectContainerResponse as _tsorch_v1_InspectContainerResponse, InspectContainerResponse__Output as _tsorch_v1_InspectContainerResponse__Output } from './tsorch/v1/InspectContainerResponse.js';
import type { InspectVolumeRequest as _tsorch_v1_InspectVolumeRequest, InspectVolumeRequest__Output as _tsorch_v1_InspectVolumeRequest__Output } from './tsorch/v1/InspectVolumeRequest.js';
import type { InspectVolumeResponse as _tsorch_v1_InspectVolumeResponse, InspectVolumeResponse__Output as _tsorch_v1_InspectVolumeResponse__Output } from './tsorch/v1/InspectVolumeResponse.js';
import type { KillContainerRequest as _tsorch_v1_KillContainerRequest, KillContainerRequest__Output as _tsorch_v1_KillContainerRequest__Output } from './tsorch/v1/KillContainerRequest.js';
import type { KillContainerResponse as _tsorch_v1_KillContainerResponse, KillContainerResponse__Output as _tsorch_v1_KillContainerResponse__Output } from './tsorch/v1/KillContainerResponse.js';
import type { ListContainersRequest as _tsorch_v1_ListContainersRequest, ListContainersRequest__Output as _tsorch_v1_ListContainersRequest__Output } from './tsorch/v1/ListContainersRequest.js';
import type { ListContainersResponse as _tsorch_v1_ListContainersResponse, ListContainersResponse__Output as _tsorch_v1_ListContainersResponse__Output } from './tsorch/v1/ListContainersResponse.js';
import type { ListVolumesRequest as _tsorch_v1_ListVolumesRequest, ListVolumesRequest__Output as _tsorch_v1_ListVolumesRequest__Output } from './tsorch/v1/ListVolumesRequest.js';
import type { ListVolumesResponse as _tsorch_v1_ListVolumesResponse, ListVolumesResponse__Output as _tsorch_v1_ListVolumesResponse__Output } from './tsorch/v1/ListVolumesResponse.js';
import type { PauseContainerRequest as _tsorch_v1_PauseContainerRequest, PauseContainerRequest__Output as _tsorch_v1_PauseContainerRequest__Output } from './tsorch/v1/PauseContainerRequest.js';
import type { PauseContainerResponse as _tsorch_v1_PauseContainerResponse, PauseContainerResponse__Output as _tsorch_v1_PauseContainerResponse__Output } from './tsorch/v1/PauseContainerResponse.js';
import type { PruneVolumesRequest as _tsorch_v1_PruneVolumesRequest, PruneVolumesRequest__Output as _tsorch_v1_PruneVolumesRequest__Output } from './tsorch/v1/PruneVolumesRequest.js';
import type { PruneVolumesResponse as _tsorch_v1_PruneVolumesResponse, PruneVolumesResponse__Output as _tsorch_v1_PruneVolumesResponse__Output } from './tsorch/v1/PruneVolumesResponse.js';
import type { RemoveContainerRequest as _tsorch_v1_RemoveContainerRequest, RemoveContainerRequest__Output as _tsorch_v1_RemoveContainerRequest__Output } from './tsorch/v1/RemoveContainerRequest.js';
import type { RemoveContainerResponse as _tsorch_v1_RemoveContainerResponse, RemoveContainerResponse__Output as _tsorch_v1_RemoveContainerResponse__Output } from './tsorch/v1/RemoveContainerResponse.js';
import type { RemoveVolumeRequest as _tsorch_v1_RemoveVolumeRequest, RemoveVolumeRequest__Output as _tsorch_v1_RemoveVolumeRequest__Output } from './tsorch/v1/RemoveVolumeRequest.js';
import type { RemoveVolumeResponse as _tsorch_v1_RemoveVolumeResponse, RemoveVolumeResponse__Output as _tsorch_v1_RemoveVolumeResponse__Output } from './tsorch/v1/RemoveVolumeResponse.js';
import type { RestartContainerRequest as _tsorch_v1_RestartContainerRequest, RestartContainerRequest__Output as _tsorch_v1_RestartContainerRequest__Output } from './tsorch/v1/RestartContainerRequest.js';
import type { RestartContainerResponse as _tsorch_v1_RestartContainerResponse, RestartContainerResponse__Output as _tsorch_v1_RestartContainerResponse__Output } from './tsorch/v1/RestartContainerResponse.js';
import type { RunContainerRequest as _tsorch_v1_RunContainerRequest, RunContainerRequest__Output as _tsorch_v1_RunContainerRequest__Output } from './tsorch/v1/RunContainerRequest.js';
import type { RunContainerResponse as _tsorch_v1_RunContainerResponse, RunContainerResponse__Output as _tsorch_v1_RunContainerResponse__Output } from './tsorch/v1/RunContainerResponse.js';
import type { StartContainerRequest as _tsorch_v1_StartContainerRequest, StartContainerRequest__Output as _tsorch_v1_StartContainerRequest__Output } from './tsorch/v1/StartContainerRequest.js';
import type { StartContainerResponse as _tsorch_v1_StartContainerResponse, StartContainerResponse__Output as _tsorch_v1_StartContainerResponse__Output } from './tsorch/v1/StartContainerResponse.js';
import type { StopContainerRequest as _tsorch_v1_StopContainerRequest, StopContainerRequest__Output as _tsorch_v1_StopContainerRequest__Output } from './tsorch/v1/StopContainerRequest.js';
import type { StopContainerResponse as _tsorch_v1_StopContainerResponse, StopContainerResponse__Output as _tsorch_v1_StopContainerResponse__Output } from './tsorch/v1/StopContainerResponse.js';
import type { TopContainerRequest as _tsorch_v1_TopContainerRequest, TopContainerRequest__Output as _tsorch_v1_TopContainerRequest__Output } from './tsorch/v1/TopContainerRequest.js';
import type { TopContainerResponse as _tsorch_v1_TopContainerResponse, TopContainerResponse__Output as _tsorch_v1_TopContainerResponse__Output } from './tsorch/v1/TopContainerResponse.js';
import type { UnpauseContainerRequest as _tsorch_v1_UnpauseContainerRequest, UnpauseContainerRequest__Output as _tsorch_v1_UnpauseContainerRequest__Output } from './tsorch/v1/UnpauseContainerRequest.js';
import type { UnpauseContainerResponse as _tsorch_v1_UnpauseContainerResponse, UnpauseContainerResponse__Output as _tsorch_v1_UnpauseContainerResponse__Output } from './tsorch/v1/UnpauseContainerResponse.js';
import type { VolumeInfo as _tsorch_v1_VolumeInfo, VolumeInfo__Output as _tsorch_v1_VolumeInfo__Output } from './tsorch/v1/VolumeInfo.js';
import type { VolumesClient as _tsorch_v1_VolumesClient, VolumesDefinition as _tsorch_v1_VolumesDefinition } from './tsorch/v1/Volumes.js';
import type { WaitContainerRequest as _tsorch_v1_WaitContainerRequest, WaitContainerRequest__Output as _tsorch_v1_WaitContainerRequest__Output } from './tsorch/v1/WaitContainerRequest.js';
import type { WaitContainerResponse as _tsorch_v1_WaitContainerResponse, WaitContainerResponse__Output as _tsorch_v1_WaitContainerResponse__Output } from './tsorch/v1/WaitContainerResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ContainerHealthCheck: MessageTypeDefinition<_tsorch_v1_ContainerHealthCheck, _tsorch_v1_ContainerHealthCheck__Output>
      ContainerLogsRequest: MessageTypeDefinition<_tsorch_v1_ContainerLogsRequest, _tsorch_v1_ContainerLogsRequest__Output>
      ContainerLogsResponse: MessageTypeDefinition<_tsorch_v1_ContainerLogsResponse, _tsorch_v1_ContainerLogsResponse__Output>
      ContainerMount: MessageTypeDefinition<_tsorch_v1_ContainerMount, _tsorch_v1_ContainerMount__Output>
      ContainerNetworkAttachment: MessageTypeDefinition<_tsorch_v1_ContainerNetworkAttachment, _tsorch_v1_ContainerNetworkAttachment__Output>
      ContainerResources: MessageTypeDefinition<_tsorch_v1_ContainerResources, _tsorch_v1_ContainerResources__Output>
      ContainerSpec: MessageTypeDefinition<_tsorch_v1_ContainerSpec, _tsorch_v1_ContainerSpec__Output>
      ContainerStatsRequest: MessageTypeDefinition<_tsorch_v1_ContainerStatsRequest, _tsorch_v1_ContainerStatsRequest__Output>
      ContainerStatsResponse: MessageTypeDefinition<_tsorch_v1_ContainerStatsResponse, _tsorch_v1_ContainerStatsResponse__Output>
      ContainerSummary: MessageTypeDefinition<_tsorch_v1_ContainerSummary, _tsorch_v1_ContainerSummary__Output>
      ContainerTopProcess: MessageTypeDefinition<_tsorch_v1_ContainerTopProcess, _tsorch_v1_ContainerTopProcess__Output>
      ContainerUlimit: MessageTypeDefinition<_tsorch_v1_ContainerUlimit, _tsorch_v1_ContainerUlimit__Output>
      Containers: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ContainersClient> & { service: _tsorch_v1_ContainersDefinition }
      CreateContainerRequest: MessageTypeDefinition<_tsorch_v1_CreateContainerRequest, _tsorch_v1_CreateContainerRequest__Output>
      CreateContainerResponse: MessageTypeDefinition<_tsorch_v1_CreateContainerResponse, _tsorch_v1_CreateContainerResponse__Output>
      CreateVolumeRequest: MessageTypeDefinition<_tsorch_v1_CreateVolumeRequest, _tsorch_v1_CreateVolumeRequest__Output>
      CreateVolumeResponse: MessageTypeDefinition<_tsorch_v1_CreateVolumeResponse, _tsorch_v1_CreateVolumeResponse__Output>
      ExecContainerRequest: MessageTypeDefinition<_tsorch_v1_ExecContainerRequest, _tsorch_v1_ExecContainerRequest__Output>
      ExecContainerResponse: MessageTypeDefinition<_tsorch_v1_ExecContainerResponse, _tsorch_v1_ExecContainerResponse__Output>
      ExecInteractiveRequest: MessageTypeDefinition<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecInteractiveRequest__Output>
      InspectContainerRequest: MessageTypeDefinition<_tsorch_v1_InspectContainerRequest, _tsorch_v1_InspectContainerRequest__Output>
      InspectContainerResponse: MessageTypeDefinition<_tsorch_v1_InspectContainerResponse, _tsorch_v1_InspectContainerResponse__Output>
      InspectVolumeRequest: MessageTypeDefinition<_tsorch_v1_InspectVolumeRequest, _tsorch_v1_InspectVolumeRequest__Output>
      InspectVolumeResponse: MessageTypeDefinition<_tsorch_v1_InspectVolumeResponse, _tsorch_v1_InspectVolumeResponse__Output>
      KillContainerRequest: MessageTypeDefinition<_tsorch_v1_KillContainerRequest, _tsorch_v1_KillContainerRequest__Output>
      KillContainerResponse: MessageTypeDefinition<_tsorch_v1_KillContainerResponse, _tsorch_v1_KillContainerResponse__Output>
      ListContainersRequest: MessageTypeDefinition<_tsorch_v1_ListContainersRequest, _tsorch_v1_ListContainersRequest__Output>
      ListContainersResponse: MessageTypeDefinition<_tsorch_v1_ListContainersResponse, _tsorch_v1_ListContainersResponse__Output>
      ListVolumesRequest: MessageTypeDefinition<_tsorch_v1_ListVolumesRequest, _tsorch_v1_ListVolumesRequest__Output>
      ListVolumesResponse: MessageTypeDefinition<_tsorch_v1_ListVolumesResponse, _tsorch_v1_ListVolumesResponse__Output>
      PauseContainerRequest: MessageTypeDefinition<_tsorch_v1_PauseContainerRequest, _tsorch_v1_PauseContainerRequest__Output>
      PauseContainerResponse: MessageTypeDefinition<_tsorch_v1_PauseContainerResponse, _tsorch_v1_PauseContainerResponse__Output>
      PruneVolumesRequest: MessageTypeDefinition<_tsorch_v1_PruneVolumesRequest, _tsorch_v1_PruneVolumesRequest__Output>
      PruneVolumesResponse: MessageTypeDefinition<_tsorch_v1_PruneVolumesResponse, _tsorch_v1_PruneVolumesResponse__Output>
      RemoveContainerRequest: MessageTypeDefinition<_tsorch_v1_RemoveContainerRequest, _tsorch_v1_RemoveContainerRequest__Output>
      RemoveContainerResponse: MessageTypeDefinition<_tsorch_v1_RemoveContainerResponse, _tsorch_v1_RemoveContainerResponse__Output>
      RemoveVolumeRequest: MessageTypeDefinition<_tsorch_v1_RemoveVolumeRequest, _tsorch_v1_RemoveVolumeRequest__Output>
      RemoveVolumeResponse: MessageTypeDefinition<_tsorch_v1_RemoveVolumeResponse, _tsorch_v1_RemoveVolumeResponse__Output>
      RestartContainerRequest: MessageTypeDefinition<_tsorch_v1_RestartContainerRequest, _tsorch_v1_RestartContainerRequest__Output>
      RestartContainerResponse: MessageTypeDefinition<_tsorch_v1_RestartContainerResponse, _tsorch_v1_RestartContainerResponse__Output>
      RunContainerRequest: MessageTypeDefinition<_tsorch_v1_RunContainerRequest, _tsorch_v1_RunContainerRequest__Output>
      RunContainerResponse: MessageTypeDefinition<_tsorch_v1_RunContainerResponse, _tsorch_v1_RunContainerResponse__Output>
      StartContainerRequest: MessageTypeDefinition<_tsorch_v1_StartContainerRequest, _tsorch_v1_StartContainerRequest__Output>
      StartContainerResponse: MessageTypeDefinition<_tsorch_v1_StartContainerResponse, _tsorch_v1_StartContainerResponse__Output>
      StopContainerRequest: MessageTypeDefinition<_tsorch_v1_StopContainerRequest, _tsorch_v1_StopContainerRequest__Output>
      StopContainerResponse: MessageTypeDefinition<_tsorch_v1_StopContainerResponse, _tsorch_v1_StopContainerResponse__Output>
      TopContainerRequest: MessageTypeDefinition<_tsorch_v1_TopContainerRequest, _tsorch_v1_TopContainerRequest__Output>
      TopContainerResponse: MessageTypeDefinition<_tsorch_v1_TopContainerResponse, _tsorch_v1_TopContainerResponse__Output>
      UnpauseContainerRequest: MessageTypeDefinition<_tsorch_v1_UnpauseContainerRequest, _tsorch_v1_UnpauseContainerRequest__Output>
      UnpauseContainerResponse: MessageTypeDefinition<_tsorch_v1_UnpauseContainerResponse, _tsorch_v1_UnpauseContainerResponse__Output>
      VolumeInfo: MessageTypeDefinition<_tsorch_v1_VolumeInfo, _tsorch_v1_VolumeInfo__Output>
      Volumes: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_VolumesClient> & { service: _tsorch_v1_VolumesDefinition }
      WaitContainerRequest: MessageTypeDefinition<_tsorch_v1_WaitContainerRequest, _tsorch_v1_WaitContainerRequest__Output>
      WaitContainerResponse: MessageTypeDefinition<_tsorch_v1_WaitContainerResponse, _tsorch_v1_WaitContainerResponse__Output>
    }
  }
}


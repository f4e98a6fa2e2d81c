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
import type { CreateServiceRequest as _tsorch_v1_CreateServiceRequest, CreateServiceRequest__Output as _tsorch_v1_CreateServiceRequest__Output } from './tsorch/v1/CreateServiceRequest.js';
import type { CreateServiceResponse as _tsorch_v1_CreateServiceResponse, CreateServiceResponse__Output as _tsorch_v1_CreateServiceResponse__Output } from './tsorch/v1/CreateServiceResponse.js';
import type { CreateVolumeRequest as _tsorch_v1_CreateVolumeRequest, CreateVolumeRequest__Output as _tsorch_v1_CreateVolumeRequest__Output } from './tsorch/v1/CreateVolumeRequest.js';
import type { CreateVolumeResponse as _tsorch_v1_CreateVolumeResponse, CreateVolumeResponse__Output as _tsorch_v1_CreateVolumeResponse__Output } from './tsorch/v1/CreateVolumeResponse.js';
import type { EventsRequest as _tsorch_v1_EventsRequest, EventsRequest__Output as _tsorch_v1_EventsRequest__Output } from './tsorch/v1/EventsRequest.js';
import type { EventsResponse as _tsorch_v1_EventsResponse, EventsResponse__Output as _tsorch_v1_EventsResponse__Output } from './tsorch/v1/EventsResponse.js';
import type { ExecContainerRequest as _tsorch_v1_ExecContainerRequest, ExecContainerRequest__Output as _tsorch_v1_ExecContainerRequest__Output } from './tsorch/v1/ExecContainerRequest.js';
import type { ExecContainerResponse as _tsorch_v1_ExecContainerResponse, ExecContainerResponse__Output as _tsorch_v1_ExecContainerResponse__Output } from './tsorch/v1/ExecContainerResponse.js';
import type { ExecInteractiveRequest as _tsorch_v1_ExecInteractiveRequest, ExecInteractiveRequest__Output as _tsorch_v1_ExecInteractiveRequest__Output } from './tsorch/v1/ExecInteractiveRequest.js';
import type { ExplainTasksRequest as _tsorch_v1_ExplainTasksRequest, ExplainTasksRequest__Output as _tsorch_v1_ExplainTasksRequest__Output } from './tsorch/v1/ExplainTasksRequest.js';
import type { ExplainTasksResponse as _tsorch_v1_ExplainTasksResponse, ExplainTasksResponse__Output as _tsorch_v1_ExplainTasksResponse__Output } from './tsorch/v1/ExplainTasksResponse.js';
import type { GetServiceRequest as _tsorch_v1_GetServiceRequest, GetServiceRequest__Output as _tsorch_v1_GetServiceRequest__Output } from './tsorch/v1/GetServiceRequest.js';
import type { GetServiceResponse as _tsorch_v1_GetServiceResponse, GetServiceResponse__Output as _tsorch_v1_GetServiceResponse__Output } from './tsorch/v1/GetServiceResponse.js';
import type { InspectContainerRequest as _tsorch_v1_InspectContainerRequest, InspectContainerRequest__Output as _tsorch_v1_InspectContainerRequest__Output } from './tsorch/v1/InspectContainerRequest.js';
import type { InspectContainerResponse as _tsorch_v1_InspectContainerResponse, InspectContainerResponse__Output as _tsorch_v1_InspectContainerResponse__Output } from './tsorch/v1/InspectContainerResponse.js';
import type { InspectVolumeRequest as _tsorch_v1_InspectVolumeRequest, InspectVolumeRequest__Output as _tsorch_v1_InspectVolumeRequest__Output } from './tsorch/v1/InspectVolumeRequest.js';
import type { InspectVolumeResponse as _tsorch_v1_InspectVolumeResponse, InspectVolumeResponse__Output as _tsorch_v1_InspectVolumeResponse__Output } from './tsorch/v1/InspectVolumeResponse.js';
import type { KillContainerRequest as _tsorch_v1_KillContainerRequest, KillContainerRequest__Output as _tsorch_v1_KillContainerRequest__Output } from './tsorch/v1/KillContainerRequest.js';
import type { KillContainerResponse as _tsorch_v1_KillContainerResponse, KillContainerResponse__Output as _tsorch_v1_KillContainerResponse__Output } from './tsorch/v1/KillContainerResponse.js';
import type { ListContainersRequest as _tsorch_v1_ListContainersRequest, ListContainersRequest__Output as _tsorch_v1_ListContainersRequest__Output } from './tsorch/v1/ListContainersRequest.js';
import type { ListContainersResponse as _tsorch_v1_ListContainersResponse, ListContainersResponse__Output as _tsorch_v1_ListContainersResponse__Output } from './tsorch/v1/ListContainersResponse.js';
import type { ListServicesRequest as _tsorch_v1_ListServicesRequest, ListServicesRequest__Output as _tsorch_v1_ListServicesRequest__Output } from './tsorch/v1/ListServicesRequest.js';
import type { ListServicesResponse as _tsorch_v1_ListServicesResponse, ListServicesResponse__Output as _tsorch_v1_ListServicesResponse__Output } from './tsorch/v1/ListServicesResponse.js';
import type { ListTasksRequest as _tsorch_v1_ListTasksRequest, ListTasksRequest__Output as _tsorch_v1_ListTasksRequest__Output } from './tsorch/v1/ListTasksRequest.js';
import type { ListTasksResponse as _tsorch_v1_ListTasksResponse, ListTasksResponse__Output as _tsorch_v1_ListTasksResponse__Output } from './tsorch/v1/ListTasksResponse.js';
import type { ListVolumesRequest as _tsorch_v1_ListVolumesRequest, ListVolumesRequest__Output as _tsorch_v1_ListVolumesRequest__Output } from './tsorch/v1/ListVolumesRequest.js';
import type { ListVolumesResponse as _tsorch_v1_ListVolumesResponse, ListVolumesResponse__Output as _tsorch_v1_ListVolumesResponse__Output } from './tsorch/v1/ListVolumesResponse.js';
import type { PauseContainerRequest as _tsorch_v1_PauseContainerRequest, PauseContainerRequest__Output as _tsorch_v1_PauseContainerRequest__Output } from './tsorch/v1/PauseContainerRequest.js';
import type { PauseContainerResponse as _tsorch_v1_PauseContainerResponse, PauseContainerResponse__Output as _tsorch_v1_PauseContainerResponse__Output } from './tsorch/v1/PauseContainerResponse.js';
import type { PruneVolumesRequest as _tsorch_v1_PruneVolumesRequest, PruneVolumesRequest__Output as _tsorch_v1_PruneVolumesRequest__Output } from './tsorch/v1/PruneVolumesRequest.js';
import type { PruneVolumesResponse as _tsorch_v1_PruneVolumesResponse, PruneVolumesResponse__Output as _tsorch_v1_PruneVolumesResponse__Output } from './tsorch/v1/PruneVolumesResponse.js';
import type { RemoveContainerRequest as _tsorch_v1_RemoveContainerRequest, RemoveContainerRequest__Output as _tsorch_v1_RemoveContainerRequest__Output } from './tsorch/v1/RemoveContainerRequest.js';
import type { RemoveContainerResponse as _tsorch_v1_RemoveContainerResponse, RemoveContainerResponse__Output as _tsorch_v1_RemoveContainerResponse__Output } from './tsorch/v1/RemoveContainerResponse.js';
import type { RemoveServiceRequest as _tsorch_v1_RemoveServiceRequest, RemoveServiceRequest__Output as _tsorch_v1_RemoveServiceRequest__Output } from './tsorch/v1/RemoveServiceRequest.js';
import type { RemoveServiceResponse as _tsorch_v1_RemoveServiceResponse, RemoveServiceResponse__Output as _tsorch_v1_RemoveServiceResponse__Output } from './tsorch/v1/RemoveServiceResponse.js';
import type { RemoveVolumeRequest as _tsorch_v1_RemoveVolumeRequest, RemoveVolumeRequest__Output as _tsorch_v1_RemoveVolumeRequest__Output } from './tsorch/v1/RemoveVolumeRequest.js';
import type { RemoveVolumeResponse as _tsorch_v1_RemoveVolumeResponse, RemoveVolumeResponse__Output as _tsorch_v1_RemoveVolumeResponse__Output } from './tsorch/v1/RemoveVolumeResponse.js';
import type { RestartContainerRequest as _tsorch_v1_RestartContainerRequest, RestartContainerRequest__Output as _tsorch_v1_RestartContainerRequest__Output } from './tsorch/v1/RestartContainerRequest.js';
import type { RestartContainerResponse as _tsorch_v1_RestartContainerResponse, RestartContainerResponse__Output as _tsorch_v1_RestartContainerResponse__Output } from './tsorch/v1/RestartContainerResponse.js';
import type { RollbackServiceRequest as _tsorch_v1_RollbackServiceRequest, RollbackServiceRequest__Output as _tsorch_v1_RollbackServiceRequest__Output } from './tsorch/v1/RollbackServiceRequest.js';
import type { RollbackServiceResponse as _tsorch_v1_RollbackServiceResponse, RollbackServiceResponse__Output as _tsorch_v1_RollbackServiceResponse__Output } from './tsorch/v1/RollbackServiceResponse.js';
import type { RunContainerRequest as _tsorch_v1_RunContainerRequest, RunContainerRequest__Output as _tsorch_v1_RunContainerRequest__Output } from './tsorch/v1/RunContainerRequest.js';
import type { RunContainerResponse as _tsorch_v1_RunContainerResponse, RunContainerResponse__Output as _tsorch_v1_RunContainerResponse__Output } from './tsorch/v1/RunContainerResponse.js';
import type { ScaleServiceRequest as _tsorch_v1_ScaleServiceRequest, ScaleServiceRequest__Output as _tsorch_v1_ScaleServiceRequest__Output } from './tsorch/v1/ScaleServiceRequest.js';
import type { ScaleServiceResponse as _tsorch_v1_ScaleServiceResponse, ScaleServiceResponse__Output as _tsorch_v1_ScaleServiceResponse__Output } from './tsorch/v1/ScaleServiceResponse.js';
import type { ServiceContainer as _tsorch_v1_ServiceContainer, ServiceContainer__Output as _tsorch_v1_ServiceContainer__Output } from './tsorch/v1/ServiceContainer.js';
import type { ServiceDns as _tsorch_v1_ServiceDns, ServiceDns__Output as _tsorch_v1_ServiceDns__Output } from './tsorch/v1/ServiceDns.js';
import type { ServiceEndpointSpec as _tsorch_v1_ServiceEndpointSpec, ServiceEndpointSpec__Output as _tsorch_v1_ServiceEndpointSpec__Output } from './tsorch/v1/ServiceEndpointSpec.js';
import type { ServiceExcludedNode as _tsorch_v1_ServiceExcludedNode, ServiceExcludedNode__Output as _tsorch_v1_ServiceExcludedNode__Output } from './tsorch/v1/ServiceExcludedNode.js';
import type { ServiceFileReference as _tsorch_v1_ServiceFileReference, ServiceFileReference__Output as _tsorch_v1_ServiceFileReference__Output } from './tsorch/v1/ServiceFileReference.js';
import type { ServiceInfo as _tsorch_v1_ServiceInfo, ServiceInfo__Output as _tsorch_v1_ServiceInfo__Output } from './tsorch/v1/ServiceInfo.js';
import type { ServiceLogRecord as _tsorch_v1_ServiceLogRecord, ServiceLogRecord__Output as _tsorch_v1_ServiceLogRecord__Output } from './tsorch/v1/ServiceLogRecord.js';
import type { ServiceLogsRequest as _tsorch_v1_ServiceLogsRequest, ServiceLogsRequest__Output as _tsorch_v1_ServiceLogsRequest__Output } from './tsorch/v1/ServiceLogsRequest.js';
import type { ServiceLogsResponse as _tsorch_v1_ServiceLogsResponse, ServiceLogsResponse__Output as _tsorch_v1_ServiceLogsResponse__Output } from './tsorch/v1/ServiceLogsResponse.js';
import type { ServiceMode as _tsorch_v1_ServiceMode, ServiceMode__Output as _tsorch_v1_ServiceMode__Output } from './tsorch/v1/ServiceMode.js';
import type { ServiceNetworkAttachment as _tsorch_v1_ServiceNetworkAttachment, ServiceNetworkAttachment__Output as _tsorch_v1_ServiceNetworkAttachment__Output } from './tsorch/v1/ServiceNetworkAttachment.js';
import type { ServicePlacement as _tsorch_v1_ServicePlacement, ServicePlacement__Output as _tsorch_v1_ServicePlacement__Output } from './tsorch/v1/ServicePlacement.js';
import type { ServicePlatform as _tsorch_v1_ServicePlatform, ServicePlatform__Output as _tsorch_v1_ServicePlatform__Output } from './tsorch/v1/ServicePlatform.js';
import type { ServicePort as _tsorch_v1_ServicePort, ServicePort__Output as _tsorch_v1_ServicePort__Output } from './tsorch/v1/ServicePort.js';
import type { ServiceResources as _tsorch_v1_ServiceResources, ServiceResources__Output as _tsorch_v1_ServiceResources__Output } from './tsorch/v1/ServiceResources.js';
import type { ServiceRestartPolicy as _tsorch_v1_ServiceRestartPolicy, ServiceRestartPolicy__Output as _tsorch_v1_ServiceRestartPolicy__Output } from './tsorch/v1/ServiceRestartPolicy.js';
import type { ServiceSpec as _tsorch_v1_ServiceSpec, ServiceSpec__Output as _tsorch_v1_ServiceSpec__Output } from './tsorch/v1/ServiceSpec.js';
import type { ServiceTask as _tsorch_v1_ServiceTask, ServiceTask__Output as _tsorch_v1_ServiceTask__Output } from './tsorch/v1/ServiceTask.js';
import type { ServiceTaskExplanation as _tsorch_v1_ServiceTaskExplanation, ServiceTaskExplanation__Output as _tsorch_v1_ServiceTaskExplanation__Output } from './tsorch/v1/ServiceTaskExplanation.js';
import type { ServiceTaskNetwork as _tsorch_v1_ServiceTaskNetwork, ServiceTaskNetwork__Output as _tsorch_v1_ServiceTaskNetwork__Output } from './tsorch/v1/ServiceTaskNetwork.js';
import type { ServiceTaskTemplate as _tsorch_v1_ServiceTaskTemplate, ServiceTaskTemplate__Output as _tsorch_v1_ServiceTaskTemplate__Output } from './tsorch/v1/ServiceTaskTemplate.js';
import type { ServiceUpdateConfig as _tsorch_v1_ServiceUpdateConfig, ServiceUpdateConfig__Output as _tsorch_v1_ServiceUpdateConfig__Output } from './tsorch/v1/ServiceUpdateConfig.js';
import type { ServiceUpdateStatus as _tsorch_v1_ServiceUpdateStatus, ServiceUpdateStatus__Output as _tsorch_v1_ServiceUpdateStatus__Output } from './tsorch/v1/ServiceUpdateStatus.js';
import type { ServiceVirtualIp as _tsorch_v1_ServiceVirtualIp, ServiceVirtualIp__Output as _tsorch_v1_ServiceVirtualIp__Output } from './tsorch/v1/ServiceVirtualIp.js';
import type { ServicesClient as _tsorch_v1_ServicesClient, ServicesDefinition as _tsorch_v1_ServicesDefinition } from './tsorch/v1/Services.js';
import type { StartContainerRequest as _tsorch_v1_StartContainerRequest, StartContainerRequest__Output as _tsorch_v1_StartContainerRequest__Output } from './tsorch/v1/StartContainerRequest.js';
import type { StartContainerResponse as _tsorch_v1_StartContainerResponse, StartContainerResponse__Output as _tsorch_v1_StartContainerResponse__Output } from './tsorch/v1/StartContainerResponse.js';
import type { StopContainerRequest as _tsorch_v1_StopContainerRequest, StopContainerRequest__Output as _tsorch_v1_StopContainerRequest__Output } from './tsorch/v1/StopContainerRequest.js';
import type { StopContainerResponse as _tsorch_v1_StopContainerResponse, StopContainerResponse__Output as _tsorch_v1_StopContainerResponse__Output } from './tsorch/v1/StopContainerResponse.js';
import type { TopContainerRequest as _tsorch_v1_TopContainerRequest, TopContainerRequest__Output as _tsorch_v1_TopContainerRequest__Output } from './tsorch/v1/TopContainerRequest.js';
import type { TopContainerResponse as _tsorch_v1_TopContainerResponse, TopContainerResponse__Output as _tsorch_v1_TopContainerResponse__Output } from './tsorch/v1/TopContainerResponse.js';
import type { UnpauseContainerRequest as _tsorch_v1_UnpauseContainerRequest, UnpauseContainerRequest__Output as _tsorch_v1_UnpauseContainerRequest__Output } from './tsorch/v1/UnpauseContainerRequest.js';
import type { UnpauseContainerResponse as _tsorch_v1_UnpauseContainerResponse, UnpauseContainerResponse__Output as _tsorch_v1_UnpauseContainerResponse__Output } from './tsorch/v1/UnpauseContainerResponse.js';
import type { UpdateServiceRequest as _tsorch_v1_UpdateServiceRequest, UpdateServiceRequest__Output as _tsorch_v1_UpdateServiceRequest__Output } from './tsorch/v1/UpdateServiceRequest.js';
import type { UpdateServiceResponse as _tsorch_v1_UpdateServiceResponse, UpdateServiceResponse__Output as _tsorch_v1_UpdateServiceResponse__Output } from './tsorch/v1/UpdateServiceResponse.js';
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
      CreateServiceRequest: MessageTypeDefinition<_tsorch_v1_CreateServiceRequest, _tsorch_v1_CreateServiceRequest__Output>
      CreateServiceResponse: MessageTypeDefinition<_tsorch_v1_CreateServiceResponse, _tsorch_v1_CreateServiceResponse__Output>
      CreateVolumeRequest: MessageTypeDefinition<_tsorch_v1_CreateVolumeRequest, _tsorch_v1_CreateVolumeRequest__Output>
      CreateVolumeResponse: MessageTypeDefinition<_tsorch_v1_CreateVolumeResponse, _tsorch_v1_CreateVolumeResponse__Output>
      EventsRequest: MessageTypeDefinition<_tsorch_v1_EventsRequest, _tsorch_v1_EventsRequest__Output>
      EventsResponse: MessageTypeDefinition<_tsorch_v1_EventsResponse, _tsorch_v1_EventsResponse__Output>
      ExecContainerRequest: MessageTypeDefinition<_tsorch_v1_ExecContainerRequest, _tsorch_v1_ExecContainerRequest__Output>
      ExecContainerResponse: MessageTypeDefinition<_tsorch_v1_ExecContainerResponse, _tsorch_v1_ExecContainerResponse__Output>
      ExecInteractiveRequest: MessageTypeDefinition<_tsorch_v1_ExecInteractiveRequest, _tsorch_v1_ExecInteractiveRequest__Output>
      ExplainTasksRequest: MessageTypeDefinition<_tsorch_v1_ExplainTasksRequest, _tsorch_v1_ExplainTasksRequest__Output>
      ExplainTasksResponse: MessageTypeDefinition<_tsorch_v1_ExplainTasksResponse, _tsorch_v1_ExplainTasksResponse__Output>
      GetServiceRequest: MessageTypeDefinition<_tsorch_v1_GetServiceRequest, _tsorch_v1_GetServiceRequest__Output>
      GetServiceResponse: MessageTypeDefinition<_tsorch_v1_GetServiceResponse, _tsorch_v1_GetServiceResponse__Output>
      InspectContainerRequest: MessageTypeDefinition<_tsorch_v1_InspectContainerRequest, _tsorch_v1_InspectContainerRequest__Output>
      InspectContainerResponse: MessageTypeDefinition<_tsorch_v1_InspectContainerResponse, _tsorch_v1_InspectContainerResponse__Output>
      InspectVolumeRequest: MessageTypeDefinition<_tsorch_v1_InspectVolumeRequest, _tsorch_v1_InspectVolumeRequest__Output>
      InspectVolumeResponse: MessageTypeDefinition<_tsorch_v1_InspectVolumeResponse, _tsorch_v1_InspectVolumeResponse__Output>
      KillContainerRequest: MessageTypeDefinition<_tsorch_v1_KillContainerRequest, _tsorch_v1_KillContainerRequest__Output>
      KillContainerResponse: MessageTypeDefinition<_tsorch_v1_KillContainerResponse, _tsorch_v1_KillContainerResponse__Output>
      ListContainersRequest: MessageTypeDefinition<_tsorch_v1_ListContainersRequest, _tsorch_v1_ListContainersRequest__Output>
      ListContainersResponse: MessageTypeDefinition<_tsorch_v1_ListContainersResponse, _tsorch_v1_ListContainersResponse__Output>
      ListServicesRequest: MessageTypeDefinition<_tsorch_v1_ListServicesRequest, _tsorch_v1_ListServicesRequest__Output>
      ListServicesResponse: MessageTypeDefinition<_tsorch_v1_ListServicesResponse, _tsorch_v1_ListServicesResponse__Output>
      ListTasksRequest: MessageTypeDefinition<_tsorch_v1_ListTasksRequest, _tsorch_v1_ListTasksRequest__Output>
      ListTasksResponse: MessageTypeDefinition<_tsorch_v1_ListTasksResponse, _tsorch_v1_ListTasksResponse__Output>
      ListVolumesRequest: MessageTypeDefinition<_tsorch_v1_ListVolumesRequest, _tsorch_v1_ListVolumesRequest__Output>
      ListVolumesResponse: MessageTypeDefinition<_tsorch_v1_ListVolumesResponse, _tsorch_v1_ListVolumesResponse__Output>
      PauseContainerRequest: MessageTypeDefinition<_tsorch_v1_PauseContainerRequest, _tsorch_v1_PauseContainerRequest__Output>
      PauseContainerResponse: MessageTypeDefinition<_tsorch_v1_PauseContainerResponse, _tsorch_v1_PauseContainerResponse__Output>
      PruneVolumesRequest: MessageTypeDefinition<_tsorch_v1_PruneVolumesRequest, _tsorch_v1_PruneVolumesRequest__Output>
      PruneVolumesResponse: MessageTypeDefinition<_tsorch_v1_PruneVolumesResponse, _tsorch_v1_PruneVolumesResponse__Output>
      RemoveContainerRequest: MessageTypeDefinition<_tsorch_v1_RemoveContainerRequest, _tsorch_v1_RemoveContainerRequest__Output>
      RemoveContainerResponse: MessageTypeDefinition<_tsorch_v1_RemoveContainerResponse, _tsorch_v1_RemoveContainerResponse__Output>
      RemoveServiceRequest: MessageTypeDefinition<_tsorch_v1_RemoveServiceRequest, _tsorch_v1_RemoveServiceRequest__Output>
      RemoveServiceResponse: MessageTypeDefinition<_tsorch_v1_RemoveServiceResponse, _tsorch_v1_RemoveServiceResponse__Output>
      RemoveVolumeRequest: MessageTypeDefinition<_tsorch_v1_RemoveVolumeRequest, _tsorch_v1_RemoveVolumeRequest__Output>
      RemoveVolumeResponse: MessageTypeDefinition<_tsorch_v1_RemoveVolumeResponse, _tsorch_v1_RemoveVolumeResponse__Output>
      RestartContainerRequest: MessageTypeDefinition<_tsorch_v1_RestartContainerRequest, _tsorch_v1_RestartContainerRequest__Output>
      RestartContainerResponse: MessageTypeDefinition<_tsorch_v1_RestartContainerResponse, _tsorch_v1_RestartContainerResponse__Output>
      RollbackServiceRequest: MessageTypeDefinition<_tsorch_v1_RollbackServiceRequest, _tsorch_v1_RollbackServiceRequest__Output>
      RollbackServiceResponse: MessageTypeDefinition<_tsorch_v1_RollbackServiceResponse, _tsorch_v1_RollbackServiceResponse__Output>
      RunContainerRequest: MessageTypeDefinition<_tsorch_v1_RunContainerRequest, _tsorch_v1_RunContainerRequest__Output>
      RunContainerResponse: MessageTypeDefinition<_tsorch_v1_RunContainerResponse, _tsorch_v1_RunContainerResponse__Output>
      ScaleServiceRequest: MessageTypeDefinition<_tsorch_v1_ScaleServiceRequest, _tsorch_v1_ScaleServiceRequest__Output>
      ScaleServiceResponse: MessageTypeDefinition<_tsorch_v1_ScaleServiceResponse, _tsorch_v1_ScaleServiceResponse__Output>
      ServiceContainer: MessageTypeDefinition<_tsorch_v1_ServiceContainer, _tsorch_v1_ServiceContainer__Output>
      ServiceDns: MessageTypeDefinition<_tsorch_v1_ServiceDns, _tsorch_v1_ServiceDns__Output>
      ServiceEndpointSpec: MessageTypeDefinition<_tsorch_v1_ServiceEndpointSpec, _tsorch_v1_ServiceEndpointSpec__Output>
      ServiceExcludedNode: MessageTypeDefinition<_tsorch_v1_ServiceExcludedNode, _tsorch_v1_ServiceExcludedNode__Output>
      ServiceFileReference: MessageTypeDefinition<_tsorch_v1_ServiceFileReference, _tsorch_v1_ServiceFileReference__Output>
      ServiceInfo: MessageTypeDefinition<_tsorch_v1_ServiceInfo, _tsorch_v1_ServiceInfo__Output>
      ServiceLogRecord: MessageTypeDefinition<_tsorch_v1_ServiceLogRecord, _tsorch_v1_ServiceLogRecord__Output>
      ServiceLogsRequest: MessageTypeDefinition<_tsorch_v1_ServiceLogsRequest, _tsorch_v1_ServiceLogsRequest__Output>
      ServiceLogsResponse: MessageTypeDefinition<_tsorch_v1_ServiceLogsResponse, _tsorch_v1_ServiceLogsResponse__Output>
      ServiceMode: MessageTypeDefinition<_tsorch_v1_ServiceMode, _tsorch_v1_ServiceMode__Output>
      ServiceNetworkAttachment: MessageTypeDefinition<_tsorch_v1_ServiceNetworkAttachment, _tsorch_v1_ServiceNetworkAttachment__Output>
      ServicePlacement: MessageTypeDefinition<_tsorch_v1_ServicePlacement, _tsorch_v1_ServicePlacement__Output>
      ServicePlatform: MessageTypeDefinition<_tsorch_v1_ServicePlatform, _tsorch_v1_ServicePlatform__Output>
      ServicePort: MessageTypeDefinition<_tsorch_v1_ServicePort, _tsorch_v1_ServicePort__Output>
      ServiceResources: MessageTypeDefinition<_tsorch_v1_ServiceResources, _tsorch_v1_ServiceResources__Output>
      ServiceRestartPolicy: MessageTypeDefinition<_tsorch_v1_ServiceRestartPolicy, _tsorch_v1_ServiceRestartPolicy__Output>
      ServiceSpec: MessageTypeDefinition<_tsorch_v1_ServiceSpec, _tsorch_v1_ServiceSpec__Output>
      ServiceTask: MessageTypeDefinition<_tsorch_v1_ServiceTask, _tsorch_v1_ServiceTask__Output>
      ServiceTaskExplanation: MessageTypeDefinition<_tsorch_v1_ServiceTaskExplanation, _tsorch_v1_ServiceTaskExplanation__Output>
      ServiceTaskNetwork: MessageTypeDefinition<_tsorch_v1_ServiceTaskNetwork, _tsorch_v1_ServiceTaskNetwork__Output>
      ServiceTaskTemplate: MessageTypeDefinition<_tsorch_v1_ServiceTaskTemplate, _tsorch_v1_ServiceTaskTemplate__Output>
      ServiceUpdateConfig: MessageTypeDefinition<_tsorch_v1_ServiceUpdateConfig, _tsorch_v1_ServiceUpdateConfig__Output>
      ServiceUpdateStatus: MessageTypeDefinition<_tsorch_v1_ServiceUpdateStatus, _tsorch_v1_ServiceUpdateStatus__Output>
      ServiceVirtualIp: MessageTypeDefinition<_tsorch_v1_ServiceVirtualIp, _tsorch_v1_ServiceVirtualIp__Output>
      Services: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ServicesClient> & { service: _tsorch_v1_ServicesDefinition }
      StartContainerRequest: MessageTypeDefinition<_tsorch_v1_StartContainerRequest, _tsorch_v1_StartContainerRequest__Output>
      StartContainerResponse: MessageTypeDefinition<_tsorch_v1_StartContainerResponse, _tsorch_v1_StartContainerResponse__Output>
      StopContainerRequest: MessageTypeDefinition<_tsorch_v1_StopContainerRequest, _tsorch_v1_StopContainerRequest__Output>
      StopContainerResponse: MessageTypeDefinition<_tsorch_v1_StopContainerResponse, _tsorch_v1_StopContainerResponse__Output>
      TopContainerRequest: MessageTypeDefinition<_tsorch_v1_TopContainerRequest, _tsorch_v1_TopContainerRequest__Output>
      TopContainerResponse: MessageTypeDefinition<_tsorch_v1_TopContainerResponse, _tsorch_v1_TopContainerResponse__Output>
      UnpauseContainerRequest: MessageTypeDefinition<_tsorch_v1_UnpauseContainerRequest, _tsorch_v1_UnpauseContainerRequest__Output>
      UnpauseContainerResponse: MessageTypeDefinition<_tsorch_v1_UnpauseContainerResponse, _tsorch_v1_UnpauseContainerResponse__Output>
      UpdateServiceRequest: MessageTypeDefinition<_tsorch_v1_UpdateServiceRequest, _tsorch_v1_UpdateServiceRequest__Output>
      UpdateServiceResponse: MessageTypeDefinition<_tsorch_v1_UpdateServiceResponse, _tsorch_v1_UpdateServiceResponse__Output>
      VolumeInfo: MessageTypeDefinition<_tsorch_v1_VolumeInfo, _tsorch_v1_VolumeInfo__Output>
      Volumes: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_VolumesClient> & { service: _tsorch_v1_VolumesDefinition }
      WaitContainerRequest: MessageTypeDefinition<_tsorch_v1_WaitContainerRequest, _tsorch_v1_WaitContainerRequest__Output>
      WaitContainerResponse: MessageTypeDefinition<_tsorch_v1_WaitContainerResponse, _tsorch_v1_WaitContainerResponse__Output>
    }
  }
}


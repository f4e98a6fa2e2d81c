import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConnectNetworkRequest as _tsorch_v1_ConnectNetworkRequest, ConnectNetworkRequest__Output as _tsorch_v1_ConnectNetworkRequest__Output } from './tsorch/v1/ConnectNetworkRequest.js';
import type { ConnectNetworkResponse as _tsorch_v1_ConnectNetworkResponse, ConnectNetworkResponse__Output as _tsorch_v1_ConnectNetworkResponse__Output } from './tsorch/v1/ConnectNetworkResponse.js';
import type { ContainerPortsRequest as _tsorch_v1_ContainerPortsRequest, ContainerPortsRequest__Output as _tsorch_v1_ContainerPortsRequest__Output } from './tsorch/v1/ContainerPortsRequest.js';
import type { ContainerPortsResponse as _tsorch_v1_ContainerPortsResponse, ContainerPortsResponse__Output as _tsorch_v1_ContainerPortsResponse__Output } from './tsorch/v1/ContainerPortsResponse.js';
import type { CreateNetworkRequest as _tsorch_v1_CreateNetworkRequest, CreateNetworkRequest__Output as _tsorch_v1_CreateNetworkRequest__Output } from './tsorch/v1/CreateNetworkRequest.js';
import type { CreateNetworkResponse as _tsorch_v1_CreateNetworkResponse, CreateNetworkResponse__Output as _tsorch_v1_CreateNetworkResponse__Output } from './tsorch/v1/CreateNetworkResponse.js';
import type { DisconnectNetworkRequest as _tsorch_v1_DisconnectNetworkRequest, DisconnectNetworkRequest__Output as _tsorch_v1_DisconnectNetworkRequest__Output } from './tsorch/v1/DisconnectNetworkRequest.js';
import type { DisconnectNetworkResponse as _tsorch_v1_DisconnectNetworkResponse, DisconnectNetworkResponse__Output as _tsorch_v1_DisconnectNetworkResponse__Output } from './tsorch/v1/DisconnectNetworkResponse.js';
import type { InspectNetworkRequest as _tsorch_v1_InspectNetworkRequest, InspectNetworkRequest__Output as _tsorch_v1_InspectNetworkRequest__Output } from './tsorch/v1/InspectNetworkRequest.js';
import type { InspectNetworkResponse as _tsorch_v1_InspectNetworkResponse, InspectNetworkResponse__Output as _tsorch_v1_InspectNetworkResponse__Output } from './tsorch/v1/InspectNetworkResponse.js';
import type { ListNetworksRequest as _tsorch_v1_ListNetworksRequest, ListNetworksRequest__Output as _tsorch_v1_ListNetworksRequest__Output } from './tsorch/v1/ListNetworksRequest.js';
import type { ListNetworksResponse as _tsorch_v1_ListNetworksResponse, ListNetworksResponse__Output as _tsorch_v1_ListNetworksResponse__Output } from './tsorch/v1/ListNetworksResponse.js';
import type { NetworkEndpointInfo as _tsorch_v1_NetworkEndpointInfo, NetworkEndpointInfo__Output as _tsorch_v1_NetworkEndpointInfo__Output } from './tsorch/v1/NetworkEndpointInfo.js';
import type { NetworkInfo as _tsorch_v1_NetworkInfo, NetworkInfo__Output as _tsorch_v1_NetworkInfo__Output } from './tsorch/v1/NetworkInfo.js';
import type { NetworksClient as _tsorch_v1_NetworksClient, NetworksDefinition as _tsorch_v1_NetworksDefinition } from './tsorch/v1/Networks.js';
import type { PruneNetworksRequest as _tsorch_v1_PruneNetworksRequest, PruneNetworksRequest__Output as _tsorch_v1_PruneNetworksRequest__Output } from './tsorch/v1/PruneNetworksRequest.js';
import type { PruneNetworksResponse as _tsorch_v1_PruneNetworksResponse, PruneNetworksResponse__Output as _tsorch_v1_PruneNetworksResponse__Output } from './tsorch/v1/PruneNetworksResponse.js';
import type { PublishedPort as _tsorch_v1_PublishedPort, PublishedPort__Output as _tsorch_v1_PublishedPort__Output } from './tsorch/v1/PublishedPort.js';
import type { RemoveNetworkRequest as _tsorch_v1_RemoveNetworkRequest, RemoveNetworkRequest__Output as _tsorch_v1_RemoveNetworkRequest__Output } from './tsorch/v1/RemoveNetworkRequest.js';
import type { RemoveNetworkResponse as _tsorch_v1_RemoveNetworkResponse, RemoveNetworkResponse__Output as _tsorch_v1_RemoveNetworkResponse__Output } from './tsorch/v1/RemoveNetworkResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ConnectNetworkRequest: MessageTypeDefinition<_tsorch_v1_ConnectNetworkRequest, _tsorch_v1_ConnectNetworkRequest__Output>
      ConnectNetworkResponse: MessageTypeDefinition<_tsorch_v1_ConnectNetworkResponse, _tsorch_v1_ConnectNetworkResponse__Output>
      ContainerPortsRequest: MessageTypeDefinition<_tsorch_v1_ContainerPortsRequest, _tsorch_v1_ContainerPortsRequest__Output>
      ContainerPortsResponse: MessageTypeDefinition<_tsorch_v1_ContainerPortsResponse, _tsorch_v1_ContainerPortsResponse__Output>
      CreateNetworkRequest: MessageTypeDefinition<_tsorch_v1_CreateNetworkRequest, _tsorch_v1_CreateNetworkRequest__Output>
      CreateNetworkResponse: MessageTypeDefinition<_tsorch_v1_CreateNetworkResponse, _tsorch_v1_CreateNetworkResponse__Output>
      DisconnectNetworkRequest: MessageTypeDefinition<_tsorch_v1_DisconnectNetworkRequest, _tsorch_v1_DisconnectNetworkRequest__Output>
      DisconnectNetworkResponse: MessageTypeDefinition<_tsorch_v1_DisconnectNetworkResponse, _tsorch_v1_DisconnectNetworkResponse__Output>
      InspectNetworkRequest: MessageTypeDefinition<_tsorch_v1_InspectNetworkRequest, _tsorch_v1_InspectNetworkRequest__Output>
      InspectNetworkResponse: MessageTypeDefinition<_tsorch_v1_InspectNetworkResponse, _tsorch_v1_InspectNetworkResponse__Output>
      ListNetworksRequest: MessageTypeDefinition<_tsorch_v1_ListNetworksRequest, _tsorch_v1_ListNetworksRequest__Output>
      ListNetworksResponse: MessageTypeDefinition<_tsorch_v1_ListNetworksResponse, _tsorch_v1_ListNetworksResponse__Output>
      NetworkEndpointInfo: MessageTypeDefinition<_tsorch_v1_NetworkEndpointInfo, _tsorch_v1_NetworkEndpointInfo__Output>
      NetworkInfo: MessageTypeDefinition<_tsorch_v1_NetworkInfo, _tsorch_v1_NetworkInfo__Output>
      Networks: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_NetworksClient> & { service: _tsorch_v1_NetworksDefinition }
      PruneNetworksRequest: MessageTypeDefinition<_tsorch_v1_PruneNetworksRequest, _tsorch_v1_PruneNetworksRequest__Output>
      PruneNetworksResponse: MessageTypeDefinition<_tsorch_v1_PruneNetworksResponse, _tsorch_v1_PruneNetworksResponse__Output>
      PublishedPort: MessageTypeDefinition<_tsorch_v1_PublishedPort, _tsorch_v1_PublishedPort__Output>
      RemoveNetworkRequest: MessageTypeDefinition<_tsorch_v1_RemoveNetworkRequest, _tsorch_v1_RemoveNetworkRequest__Output>
      RemoveNetworkResponse: MessageTypeDefinition<_tsorch_v1_RemoveNetworkResponse, _tsorch_v1_RemoveNetworkResponse__Output>
    }
  }
}


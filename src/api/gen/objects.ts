import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClusterNetworkInfo as _tsorch_v1_ClusterNetworkInfo, ClusterNetworkInfo__Output as _tsorch_v1_ClusterNetworkInfo__Output } from './tsorch/v1/ClusterNetworkInfo.js';
import type { ClusterNetworkIpam as _tsorch_v1_ClusterNetworkIpam, ClusterNetworkIpam__Output as _tsorch_v1_ClusterNetworkIpam__Output } from './tsorch/v1/ClusterNetworkIpam.js';
import type { ClusterNetworkSpec as _tsorch_v1_ClusterNetworkSpec, ClusterNetworkSpec__Output as _tsorch_v1_ClusterNetworkSpec__Output } from './tsorch/v1/ClusterNetworkSpec.js';
import type { ClusterNetworksClient as _tsorch_v1_ClusterNetworksClient, ClusterNetworksDefinition as _tsorch_v1_ClusterNetworksDefinition } from './tsorch/v1/ClusterNetworks.js';
import type { ClusterVolumeInfo as _tsorch_v1_ClusterVolumeInfo, ClusterVolumeInfo__Output as _tsorch_v1_ClusterVolumeInfo__Output } from './tsorch/v1/ClusterVolumeInfo.js';
import type { ClusterVolumesClient as _tsorch_v1_ClusterVolumesClient, ClusterVolumesDefinition as _tsorch_v1_ClusterVolumesDefinition } from './tsorch/v1/ClusterVolumes.js';
import type { ConfigInfo as _tsorch_v1_ConfigInfo, ConfigInfo__Output as _tsorch_v1_ConfigInfo__Output } from './tsorch/v1/ConfigInfo.js';
import type { ConfigsClient as _tsorch_v1_ConfigsClient, ConfigsDefinition as _tsorch_v1_ConfigsDefinition } from './tsorch/v1/Configs.js';
import type { CreateClusterNetworkRequest as _tsorch_v1_CreateClusterNetworkRequest, CreateClusterNetworkRequest__Output as _tsorch_v1_CreateClusterNetworkRequest__Output } from './tsorch/v1/CreateClusterNetworkRequest.js';
import type { CreateClusterNetworkResponse as _tsorch_v1_CreateClusterNetworkResponse, CreateClusterNetworkResponse__Output as _tsorch_v1_CreateClusterNetworkResponse__Output } from './tsorch/v1/CreateClusterNetworkResponse.js';
import type { CreateClusterVolumeRequest as _tsorch_v1_CreateClusterVolumeRequest, CreateClusterVolumeRequest__Output as _tsorch_v1_CreateClusterVolumeRequest__Output } from './tsorch/v1/CreateClusterVolumeRequest.js';
import type { CreateClusterVolumeResponse as _tsorch_v1_CreateClusterVolumeResponse, CreateClusterVolumeResponse__Output as _tsorch_v1_CreateClusterVolumeResponse__Output } from './tsorch/v1/CreateClusterVolumeResponse.js';
import type { CreateConfigRequest as _tsorch_v1_CreateConfigRequest, CreateConfigRequest__Output as _tsorch_v1_CreateConfigRequest__Output } from './tsorch/v1/CreateConfigRequest.js';
import type { CreateConfigResponse as _tsorch_v1_CreateConfigResponse, CreateConfigResponse__Output as _tsorch_v1_CreateConfigResponse__Output } from './tsorch/v1/CreateConfigResponse.js';
import type { CreateSecretRequest as _tsorch_v1_CreateSecretRequest, CreateSecretRequest__Output as _tsorch_v1_CreateSecretRequest__Output } from './tsorch/v1/CreateSecretRequest.js';
import type { CreateSecretResponse as _tsorch_v1_CreateSecretResponse, CreateSecretResponse__Output as _tsorch_v1_CreateSecretResponse__Output } from './tsorch/v1/CreateSecretResponse.js';
import type { GetClusterNetworkRequest as _tsorch_v1_GetClusterNetworkRequest, GetClusterNetworkRequest__Output as _tsorch_v1_GetClusterNetworkRequest__Output } from './tsorch/v1/GetClusterNetworkRequest.js';
import type { GetClusterNetworkResponse as _tsorch_v1_GetClusterNetworkResponse, GetClusterNetworkResponse__Output as _tsorch_v1_GetClusterNetworkResponse__Output } from './tsorch/v1/GetClusterNetworkResponse.js';
import type { GetClusterVolumeRequest as _tsorch_v1_GetClusterVolumeRequest, GetClusterVolumeRequest__Output as _tsorch_v1_GetClusterVolumeRequest__Output } from './tsorch/v1/GetClusterVolumeRequest.js';
import type { GetClusterVolumeResponse as _tsorch_v1_GetClusterVolumeResponse, GetClusterVolumeResponse__Output as _tsorch_v1_GetClusterVolumeResponse__Output } from './tsorch/v1/GetClusterVolumeResponse.js';
import type { GetConfigRequest as _tsorch_v1_GetConfigRequest, GetConfigRequest__Output as _tsorch_v1_GetConfigRequest__Output } from './tsorch/v1/GetConfigRequest.js';
import type { GetConfigResponse as _tsorch_v1_GetConfigResponse, GetConfigResponse__Output as _tsorch_v1_GetConfigResponse__Output } from './tsorch/v1/GetConfigResponse.js';
import type { GetSecretRequest as _tsorch_v1_GetSecretRequest, GetSecretRequest__Output as _tsorch_v1_GetSecretRequest__Output } from './tsorch/v1/GetSecretRequest.js';
import type { GetSecretResponse as _tsorch_v1_GetSecretResponse, GetSecretResponse__Output as _tsorch_v1_GetSecretResponse__Output } from './tsorch/v1/GetSecretResponse.js';
import type { ListClusterNetworksRequest as _tsorch_v1_ListClusterNetworksRequest, ListClusterNetworksRequest__Output as _tsorch_v1_ListClusterNetworksRequest__Output } from './tsorch/v1/ListClusterNetworksRequest.js';
import type { ListClusterNetworksResponse as _tsorch_v1_ListClusterNetworksResponse, ListClusterNetworksResponse__Output as _tsorch_v1_ListClusterNetworksResponse__Output } from './tsorch/v1/ListClusterNetworksResponse.js';
import type { ListClusterVolumesRequest as _tsorch_v1_ListClusterVolumesRequest, ListClusterVolumesRequest__Output as _tsorch_v1_ListClusterVolumesRequest__Output } from './tsorch/v1/ListClusterVolumesRequest.js';
import type { ListClusterVolumesResponse as _tsorch_v1_ListClusterVolumesResponse, ListClusterVolumesResponse__Output as _tsorch_v1_ListClusterVolumesResponse__Output } from './tsorch/v1/ListClusterVolumesResponse.js';
import type { ListConfigsRequest as _tsorch_v1_ListConfigsRequest, ListConfigsRequest__Output as _tsorch_v1_ListConfigsRequest__Output } from './tsorch/v1/ListConfigsRequest.js';
import type { ListConfigsResponse as _tsorch_v1_ListConfigsResponse, ListConfigsResponse__Output as _tsorch_v1_ListConfigsResponse__Output } from './tsorch/v1/ListConfigsResponse.js';
import type { ListSecretsRequest as _tsorch_v1_ListSecretsRequest, ListSecretsRequest__Output as _tsorch_v1_ListSecretsRequest__Output } from './tsorch/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _tsorch_v1_ListSecretsResponse, ListSecretsResponse__Output as _tsorch_v1_ListSecretsResponse__Output } from './tsorch/v1/ListSecretsResponse.js';
import type { ObjectMeta as _tsorch_v1_ObjectMeta, ObjectMeta__Output as _tsorch_v1_ObjectMeta__Output } from './tsorch/v1/ObjectMeta.js';
import type { RemoveClusterNetworkRequest as _tsorch_v1_RemoveClusterNetworkRequest, RemoveClusterNetworkRequest__Output as _tsorch_v1_RemoveClusterNetworkRequest__Output } from './tsorch/v1/RemoveClusterNetworkRequest.js';
import type { RemoveClusterNetworkResponse as _tsorch_v1_RemoveClusterNetworkResponse, RemoveClusterNetworkResponse__Output as _tsorch_v1_RemoveClusterNetworkResponse__Output } from './tsorch/v1/RemoveClusterNetworkResponse.js';
import type { RemoveClusterVolumeRequest as _tsorch_v1_RemoveClusterVolumeRequest, RemoveClusterVolumeRequest__Output as _tsorch_v1_RemoveClusterVolumeRequest__Output } from './tsorch/v1/RemoveClusterVolumeRequest.js';
import type { RemoveClusterVolumeResponse as _tsorch_v1_RemoveClusterVolumeResponse, RemoveClusterVolumeResponse__Output as _tsorch_v1_RemoveClusterVolumeResponse__Output } from './tsorch/v1/RemoveClusterVolumeResponse.js';
import type { RemoveConfigRequest as _tsorch_v1_RemoveConfigRequest, RemoveConfigRequest__Output as _tsorch_v1_RemoveConfigRequest__Output } from './tsorch/v1/RemoveConfigRequest.js';
import type { RemoveConfigResponse as _tsorch_v1_RemoveConfigResponse, RemoveConfigResponse__Output as _tsorch_v1_RemoveConfigResponse__Output } from './tsorch/v1/RemoveConfigResponse.js';
import type { RemoveSecretRequest as _tsorch_v1_RemoveSecretRequest, RemoveSecretRequest__Output as _tsorch_v1_RemoveSecretRequest__Output } from './tsorch/v1/RemoveSecretRequest.js';
import type { RemoveSecretResponse as _tsorch_v1_RemoveSecretResponse, RemoveSecretResponse__Output as _tsorch_v1_RemoveSecretResponse__Output } from './tsorch/v1/RemoveSecretResponse.js';
import type { SecretInfo as _tsorch_v1_SecretInfo, SecretInfo__Output as _tsorch_v1_SecretInfo__Output } from './tsorch/v1/SecretInfo.js';
import type { SecretsClient as _tsorch_v1_SecretsClient, SecretsDefinition as _tsorch_v1_SecretsDefinition } from './tsorch/v1/Secrets.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ClusterNetworkInfo: MessageTypeDefinition<_tsorch_v1_ClusterNetworkInfo, _tsorch_v1_ClusterNetworkInfo__Output>
      ClusterNetworkIpam: MessageTypeDefinition<_tsorch_v1_ClusterNetworkIpam, _tsorch_v1_ClusterNetworkIpam__Output>
      ClusterNetworkSpec: MessageTypeDefinition<_tsorch_v1_ClusterNetworkSpec, _tsorch_v1_ClusterNetworkSpec__Output>
      ClusterNetworks: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ClusterNetworksClient> & { service: _tsorch_v1_ClusterNetworksDefinition }
      ClusterVolumeInfo: MessageTypeDefinition<_tsorch_v1_ClusterVolumeInfo, _tsorch_v1_ClusterVolumeInfo__Output>
      ClusterVolumes: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ClusterVolumesClient> & { service: _tsorch_v1_ClusterVolumesDefinition }
      ConfigInfo: MessageTypeDefinition<_tsorch_v1_ConfigInfo, _tsorch_v1_ConfigInfo__Output>
      Configs: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ConfigsClient> & { service: _tsorch_v1_ConfigsDefinition }
      CreateClusterNetworkRequest: MessageTypeDefinition<_tsorch_v1_CreateClusterNetworkRequest, _tsorch_v1_CreateClusterNetworkRequest__Output>
      CreateClusterNetworkResponse: MessageTypeDefinition<_tsorch_v1_CreateClusterNetworkResponse, _tsorch_v1_CreateClusterNetworkResponse__Output>
      CreateClusterVolumeRequest: MessageTypeDefinition<_tsorch_v1_CreateClusterVolumeRequest, _tsorch_v1_CreateClusterVolumeRequest__Output>
      CreateClusterVolumeResponse: MessageTypeDefinition<_tsorch_v1_CreateClusterVolumeResponse, _tsorch_v1_CreateClusterVolumeResponse__Output>
      CreateConfigRequest: MessageTypeDefinition<_tsorch_v1_CreateConfigRequest, _tsorch_v1_CreateConfigRequest__Output>
      CreateConfigResponse: MessageTypeDefinition<_tsorch_v1_CreateConfigResponse, _tsorch_v1_CreateConfigResponse__Output>
      CreateSecretRequest: MessageTypeDefinition<_tsorch_v1_CreateSecretRequest, _tsorch_v1_CreateSecretRequest__Output>
      CreateSecretResponse: MessageTypeDefinition<_tsorch_v1_CreateSecretResponse, _tsorch_v1_CreateSecretResponse__Output>
      GetClusterNetworkRequest: MessageTypeDefinition<_tsorch_v1_GetClusterNetworkRequest, _tsorch_v1_GetClusterNetworkRequest__Output>
      GetClusterNetworkResponse: MessageTypeDefinition<_tsorch_v1_GetClusterNetworkResponse, _tsorch_v1_GetClusterNetworkResponse__Output>
      GetClusterVolumeRequest: MessageTypeDefinition<_tsorch_v1_GetClusterVolumeRequest, _tsorch_v1_GetClusterVolumeRequest__Output>
      GetClusterVolumeResponse: MessageTypeDefinition<_tsorch_v1_GetClusterVolumeResponse, _tsorch_v1_GetClusterVolumeResponse__Output>
      GetConfigRequest: MessageTypeDefinition<_tsorch_v1_GetConfigRequest, _tsorch_v1_GetConfigRequest__Output>
      GetConfigResponse: MessageTypeDefinition<_tsorch_v1_GetConfigResponse, _tsorch_v1_GetConfigResponse__Output>
      GetSecretRequest: MessageTypeDefinition<_tsorch_v1_GetSecretRequest, _tsorch_v1_GetSecretRequest__Output>
      GetSecretResponse: MessageTypeDefinition<_tsorch_v1_GetSecretResponse, _tsorch_v1_GetSecretResponse__Output>
      ListClusterNetworksRequest: MessageTypeDefinition<_tsorch_v1_ListClusterNetworksRequest, _tsorch_v1_ListClusterNetworksRequest__Output>
      ListClusterNetworksResponse: MessageTypeDefinition<_tsorch_v1_ListClusterNetworksResponse, _tsorch_v1_ListClusterNetworksResponse__Output>
      ListClusterVolumesRequest: MessageTypeDefinition<_tsorch_v1_ListClusterVolumesRequest, _tsorch_v1_ListClusterVolumesRequest__Output>
      ListClusterVolumesResponse: MessageTypeDefinition<_tsorch_v1_ListClusterVolumesResponse, _tsorch_v1_ListClusterVolumesResponse__Output>
      ListConfigsRequest: MessageTypeDefinition<_tsorch_v1_ListConfigsRequest, _tsorch_v1_ListConfigsRequest__Output>
      ListConfigsResponse: MessageTypeDefinition<_tsorch_v1_ListConfigsResponse, _tsorch_v1_ListConfigsResponse__Output>
      ListSecretsRequest: MessageTypeDefinition<_tsorch_v1_ListSecretsRequest, _tsorch_v1_ListSecretsRequest__Output>
      ListSecretsResponse: MessageTypeDefinition<_tsorch_v1_ListSecretsResponse, _tsorch_v1_ListSecretsResponse__Output>
      ObjectMeta: MessageTypeDefinition<_tsorch_v1_ObjectMeta, _tsorch_v1_ObjectMeta__Output>
      RemoveClusterNetworkRequest: MessageTypeDefinition<_tsorch_v1_RemoveClusterNetworkRequest, _tsorch_v1_RemoveClusterNetworkRequest__Output>
      RemoveClusterNetworkResponse: MessageTypeDefinition<_tsorch_v1_RemoveClusterNetworkResponse, _tsorch_v1_RemoveClusterNetworkResponse__Output>
      RemoveClusterVolumeRequest: MessageTypeDefinition<_tsorch_v1_RemoveClusterVolumeRequest, _tsorch_v1_RemoveClusterVolumeRequest__Output>
      RemoveClusterVolumeResponse: MessageTypeDefinition<_tsorch_v1_RemoveClusterVolumeResponse, _tsorch_v1_RemoveClusterVolumeResponse__Output>
      RemoveConfigRequest: MessageTypeDefinition<_tsorch_v1_RemoveConfigRequest, _tsorch_v1_RemoveConfigRequest__Output>
      RemoveConfigResponse: MessageTypeDefinition<_tsorch_v1_RemoveConfigResponse, _tsorch_v1_RemoveConfigResponse__Output>
      RemoveSecretRequest: MessageTypeDefinition<_tsorch_v1_RemoveSecretRequest, _tsorch_v1_RemoveSecretRequest__Output>
      RemoveSecretResponse: MessageTypeDefinition<_tsorch_v1_RemoveSecretResponse, _tsorch_v1_RemoveSecretResponse__Output>
      SecretInfo: MessageTypeDefinition<_tsorch_v1_SecretInfo, _tsorch_v1_SecretInfo__Output>
      Secrets: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_SecretsClient> & { service: _tsorch_v1_SecretsDefinition }
    }
  }
}


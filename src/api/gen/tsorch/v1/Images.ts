// Original file: tsorch/v1/images.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ImageArchiveChunk as _tsorch_v1_ImageArchiveChunk, ImageArchiveChunk__Output as _tsorch_v1_ImageArchiveChunk__Output } from '../../tsorch/v1/ImageArchiveChunk.js';
import type { InspectImageRequest as _tsorch_v1_InspectImageRequest, InspectImageRequest__Output as _tsorch_v1_InspectImageRequest__Output } from '../../tsorch/v1/InspectImageRequest.js';
import type { InspectImageResponse as _tsorch_v1_InspectImageResponse, InspectImageResponse__Output as _tsorch_v1_InspectImageResponse__Output } from '../../tsorch/v1/InspectImageResponse.js';
import type { ListImagesRequest as _tsorch_v1_ListImagesRequest, ListImagesRequest__Output as _tsorch_v1_ListImagesRequest__Output } from '../../tsorch/v1/ListImagesRequest.js';
import type { ListImagesResponse as _tsorch_v1_ListImagesResponse, ListImagesResponse__Output as _tsorch_v1_ListImagesResponse__Output } from '../../tsorch/v1/ListImagesResponse.js';
import type { LoadImagesRequest as _tsorch_v1_LoadImagesRequest, LoadImagesRequest__Output as _tsorch_v1_LoadImagesRequest__Output } from '../../tsorch/v1/LoadImagesRequest.js';
import type { LoadImagesResponse as _tsorch_v1_LoadImagesResponse, LoadImagesResponse__Output as _tsorch_v1_LoadImagesResponse__Output } from '../../tsorch/v1/LoadImagesResponse.js';
import type { PruneImagesRequest as _tsorch_v1_PruneImagesRequest, PruneImagesRequest__Output as _tsorch_v1_PruneImagesRequest__Output } from '../../tsorch/v1/PruneImagesRequest.js';
import type { PruneImagesResponse as _tsorch_v1_PruneImagesResponse, PruneImagesResponse__Output as _tsorch_v1_PruneImagesResponse__Output } from '../../tsorch/v1/PruneImagesResponse.js';
import type { PullImageRequest as _tsorch_v1_PullImageRequest, PullImageRequest__Output as _tsorch_v1_PullImageRequest__Output } from '../../tsorch/v1/PullImageRequest.js';
import type { PullImageResponse as _tsorch_v1_PullImageResponse, PullImageResponse__Output as _tsorch_v1_PullImageResponse__Output } from '../../tsorch/v1/PullImageResponse.js';
import type { PushImageRequest as _tsorch_v1_PushImageRequest, PushImageRequest__Output as _tsorch_v1_PushImageRequest__Output } from '../../tsorch/v1/PushImageRequest.js';
import type { PushImageResponse as _tsorch_v1_PushImageResponse, PushImageResponse__Output as _tsorch_v1_PushImageResponse__Output } from '../../tsorch/v1/PushImageResponse.js';
import type { RegistryLoginRequest as _tsorch_v1_RegistryLoginRequest, RegistryLoginRequest__Output as _tsorch_v1_RegistryLoginRequest__Output } from '../../tsorch/v1/RegistryLoginRequest.js';
import type { RegistryLoginResponse as _tsorch_v1_RegistryLoginResponse, RegistryLoginResponse__Output as _tsorch_v1_RegistryLoginResponse__Output } from '../../tsorch/v1/RegistryLoginResponse.js';
import type { RemoveImageRequest as _tsorch_v1_RemoveImageRequest, RemoveImageRequest__Output as _tsorch_v1_RemoveImageRequest__Output } from '../../tsorch/v1/RemoveImageRequest.js';
import type { RemoveImageResponse as _tsorch_v1_RemoveImageResponse, RemoveImageResponse__Output as _tsorch_v1_RemoveImageResponse__Output } from '../../tsorch/v1/RemoveImageResponse.js';
import type { SaveImagesRequest as _tsorch_v1_SaveImagesRequest, SaveImagesRequest__Output as _tsorch_v1_SaveImagesRequest__Output } from '../../tsorch/v1/SaveImagesRequest.js';
import type { SaveImagesResponse as _tsorch_v1_SaveImagesResponse, SaveImagesResponse__Output as _tsorch_v1_SaveImagesResponse__Output } from '../../tsorch/v1/SaveImagesResponse.js';
import type { TagImageRequest as _tsorch_v1_TagImageRequest, TagImageRequest__Output as _tsorch_v1_TagImageRequest__Output } from '../../tsorch/v1/TagImageRequest.js';
import type { TagImageResponse as _tsorch_v1_TagImageResponse, TagImageResponse__Output as _tsorch_v1_TagImageResponse__Output } from '../../tsorch/v1/TagImageResponse.js';

export interface ImagesClient extends grpc.Client {
  Inspect(argument: _tsorch_v1_InspectImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectImageRequest, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectImageRequest, callback: grpc.requestCallback<_tsorch_v1_InspectImageResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _tsorch_v1_ListImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListImagesRequest, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListImagesRequest, callback: grpc.requestCallback<_tsorch_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  
  Load(argument: _tsorch_v1_LoadImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _tsorch_v1_LoadImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _tsorch_v1_LoadImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _tsorch_v1_LoadImagesRequest, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _tsorch_v1_LoadImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _tsorch_v1_LoadImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _tsorch_v1_LoadImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _tsorch_v1_LoadImagesRequest, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientUnaryCall;
  
  LoadStream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  LoadStream(metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  LoadStream(options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  LoadStream(callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  loadStream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  loadStream(metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  loadStream(options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  loadStream(callback: grpc.requestCallback<_tsorch_v1_LoadImagesResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ImageArchiveChunk>;
  
  Prune(argument: _tsorch_v1_PruneImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneImagesRequest, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneImagesRequest, callback: grpc.requestCallback<_tsorch_v1_PruneImagesResponse__Output>): grpc.ClientUnaryCall;
  
  Pull(argument: _tsorch_v1_PullImageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PullImageResponse__Output>;
  Pull(argument: _tsorch_v1_PullImageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PullImageResponse__Output>;
  pull(argument: _tsorch_v1_PullImageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PullImageResponse__Output>;
  pull(argument: _tsorch_v1_PullImageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PullImageResponse__Output>;
  
  Push(argument: _tsorch_v1_PushImageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PushImageResponse__Output>;
  Push(argument: _tsorch_v1_PushImageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PushImageResponse__Output>;
  push(argument: _tsorch_v1_PushImageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PushImageResponse__Output>;
  push(argument: _tsorch_v1_PushImageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_PushImageResponse__Output>;
  
  RegistryLogin(argument: _tsorch_v1_RegistryLoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  RegistryLogin(argument: _tsorch_v1_RegistryLoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  RegistryLogin(argument: _tsorch_v1_RegistryLoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  RegistryLogin(argument: _tsorch_v1_RegistryLoginRequest, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  registryLogin(argument: _tsorch_v1_RegistryLoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  registryLogin(argument: _tsorch_v1_RegistryLoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  registryLogin(argument: _tsorch_v1_RegistryLoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  registryLogin(argument: _tsorch_v1_RegistryLoginRequest, callback: grpc.requestCallback<_tsorch_v1_RegistryLoginResponse__Output>): grpc.ClientUnaryCall;
  
  Remove(argument: _tsorch_v1_RemoveImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveImageRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveImageRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveImageResponse__Output>): grpc.ClientUnaryCall;
  
  Save(argument: _tsorch_v1_SaveImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  Save(argument: _tsorch_v1_SaveImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  Save(argument: _tsorch_v1_SaveImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  Save(argument: _tsorch_v1_SaveImagesRequest, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _tsorch_v1_SaveImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _tsorch_v1_SaveImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _tsorch_v1_SaveImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  save(argument: _tsorch_v1_SaveImagesRequest, callback: grpc.requestCallback<_tsorch_v1_SaveImagesResponse__Output>): grpc.ClientUnaryCall;
  
  SaveStream(argument: _tsorch_v1_SaveImagesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ImageArchiveChunk__Output>;
  SaveStream(argument: _tsorch_v1_SaveImagesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ImageArchiveChunk__Output>;
  saveStream(argument: _tsorch_v1_SaveImagesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ImageArchiveChunk__Output>;
  saveStream(argument: _tsorch_v1_SaveImagesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_ImageArchiveChunk__Output>;
  
  Tag(argument: _tsorch_v1_TagImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  Tag(argument: _tsorch_v1_TagImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  Tag(argument: _tsorch_v1_TagImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  Tag(argument: _tsorch_v1_TagImageRequest, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  tag(argument: _tsorch_v1_TagImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  tag(argument: _tsorch_v1_TagImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  tag(argument: _tsorch_v1_TagImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  tag(argument: _tsorch_v1_TagImageRequest, callback: grpc.requestCallback<_tsorch_v1_TagImageResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ImagesHandlers extends grpc.UntypedServiceImplementation {
  Inspect: grpc.handleUnaryCall<_tsorch_v1_InspectImageRequest__Output, _tsorch_v1_InspectImageResponse>;
  
  List: grpc.handleUnaryCall<_tsorch_v1_ListImagesRequest__Output, _tsorch_v1_ListImagesResponse>;
  
  Load: grpc.handleUnaryCall<_tsorch_v1_LoadImagesRequest__Output, _tsorch_v1_LoadImagesResponse>;
  
  LoadStream: grpc.handleClientStreamingCall<_tsorch_v1_ImageArchiveChunk__Output, _tsorch_v1_LoadImagesResponse>;
  
  Prune: grpc.handleUnaryCall<_tsorch_v1_PruneImagesRequest__Output, _tsorch_v1_PruneImagesResponse>;
  
  Pull: grpc.handleServerStreamingCall<_tsorch_v1_PullImageRequest__Output, _tsorch_v1_PullImageResponse>;
  
  Push: grpc.handleServerStreamingCall<_tsorch_v1_PushImageRequest__Output, _tsorch_v1_PushImageResponse>;
  
  RegistryLogin: grpc.handleUnaryCall<_tsorch_v1_RegistryLoginRequest__Output, _tsorch_v1_RegistryLoginResponse>;
  
  Remove: grpc.handleUnaryCall<_tsorch_v1_RemoveImageRequest__Output, _tsorch_v1_RemoveImageResponse>;
  
  Save: grpc.handleUnaryCall<_tsorch_v1_SaveImagesRequest__Output, _tsorch_v1_SaveImagesResponse>;
  
  SaveStream: grpc.handleServerStreamingCall<_tsorch_v1_SaveImagesRequest__Output, _tsorch_v1_ImageArchiveChunk>;
  
  Tag: grpc.handleUnaryCall<_tsorch_v1_TagImageRequest__Output, _tsorch_v1_TagImageResponse>;
  
}

export interface ImagesDefinition extends grpc.ServiceDefinition {
  Inspect: MethodDefinition<_tsorch_v1_InspectImageRequest, _tsorch_v1_InspectImageResponse, _tsorch_v1_InspectImageRequest__Output, _tsorch_v1_InspectImageResponse__Output>
  List: MethodDefinition<_tsorch_v1_ListImagesRequest, _tsorch_v1_ListImagesResponse, _tsorch_v1_ListImagesRequest__Output, _tsorch_v1_ListImagesResponse__Output>
  Load: MethodDefinition<_tsorch_v1_LoadImagesRequest, _tsorch_v1_LoadImagesResponse, _tsorch_v1_LoadImagesRequest__Output, _tsorch_v1_LoadImagesResponse__Output>
  LoadStream: MethodDefinition<_tsorch_v1_ImageArchiveChunk, _tsorch_v1_LoadImagesResponse, _tsorch_v1_ImageArchiveChunk__Output, _tsorch_v1_LoadImagesResponse__Output>
  Prune: MethodDefinition<_tsorch_v1_PruneImagesRequest, _tsorch_v1_PruneImagesResponse, _tsorch_v1_PruneImagesRequest__Output, _tsorch_v1_PruneImagesResponse__Output>
  Pull: MethodDefinition<_tsorch_v1_PullImageRequest, _tsorch_v1_PullImageResponse, _tsorch_v1_PullImageRequest__Output, _tsorch_v1_PullImageResponse__Output>
  Push: MethodDefinition<_tsorch_v1_PushImageRequest, _tsorch_v1_PushImageResponse, _tsorch_v1_PushImageRequest__Output, _tsorch_v1_PushImageResponse__Output>
  RegistryLogin: MethodDefinition<_tsorch_v1_RegistryLoginRequest, _tsorch_v1_RegistryLoginResponse, _tsorch_v1_RegistryLoginRequest__Output, _tsorch_v1_RegistryLoginResponse__Output>
  Remove: MethodDefinition<_tsorch_v1_RemoveImageRequest, _tsorch_v1_RemoveImageResponse, _tsorch_v1_RemoveImageRequest__Output, _tsorch_v1_RemoveImageResponse__Output>
  Save: MethodDefinition<_tsorch_v1_SaveImagesRequest, _tsorch_v1_SaveImagesResponse, _tsorch_v1_SaveImagesRequest__Output, _tsorch_v1_SaveImagesResponse__Output>
  SaveStream: MethodDefinition<_tsorch_v1_SaveImagesRequest, _tsorch_v1_ImageArchiveChunk, _tsorch_v1_SaveImagesRequest__Output, _tsorch_v1_ImageArchiveChunk__Output>
  Tag: MethodDefinition<_tsorch_v1_TagImageRequest, _tsorch_v1_TagImageResponse, _tsorch_v1_TagImageRequest__Output, _tsorch_v1_TagImageResponse__Output>
}

import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ImageArchiveChunk as _tsorch_v1_ImageArchiveChunk, ImageArchiveChunk__Output as _tsorch_v1_ImageArchiveChunk__Output } from './tsorch/v1/ImageArchiveChunk.js';
import type { ImageProgressEvent as _tsorch_v1_ImageProgressEvent, ImageProgressEvent__Output as _tsorch_v1_ImageProgressEvent__Output } from './tsorch/v1/ImageProgressEvent.js';
import type { ImageSummary as _tsorch_v1_ImageSummary, ImageSummary__Output as _tsorch_v1_ImageSummary__Output } from './tsorch/v1/ImageSummary.js';
import type { ImagesClient as _tsorch_v1_ImagesClient, ImagesDefinition as _tsorch_v1_ImagesDefinition } from './tsorch/v1/Images.js';
import type { InspectImageRequest as _tsorch_v1_InspectImageRequest, InspectImageRequest__Output as _tsorch_v1_InspectImageRequest__Output } from './tsorch/v1/InspectImageRequest.js';
import type { InspectImageResponse as _tsorch_v1_InspectImageResponse, InspectImageResponse__Output as _tsorch_v1_InspectImageResponse__Output } from './tsorch/v1/InspectImageResponse.js';
import type { ListImagesRequest as _tsorch_v1_ListImagesRequest, ListImagesRequest__Output as _tsorch_v1_ListImagesRequest__Output } from './tsorch/v1/ListImagesRequest.js';
import type { ListImagesResponse as _tsorch_v1_ListImagesResponse, ListImagesResponse__Output as _tsorch_v1_ListImagesResponse__Output } from './tsorch/v1/ListImagesResponse.js';
import type { LoadImagesRequest as _tsorch_v1_LoadImagesRequest, LoadImagesRequest__Output as _tsorch_v1_LoadImagesRequest__Output } from './tsorch/v1/LoadImagesRequest.js';
import type { LoadImagesResponse as _tsorch_v1_LoadImagesResponse, LoadImagesResponse__Output as _tsorch_v1_LoadImagesResponse__Output } from './tsorch/v1/LoadImagesResponse.js';
import type { PruneImagesRequest as _tsorch_v1_PruneImagesRequest, PruneImagesRequest__Output as _tsorch_v1_PruneImagesRequest__Output } from './tsorch/v1/PruneImagesRequest.js';
import type { PruneImagesResponse as _tsorch_v1_PruneImagesResponse, PruneImagesResponse__Output as _tsorch_v1_PruneImagesResponse__Output } from './tsorch/v1/PruneImagesResponse.js';
import type { PullImageRequest as _tsorch_v1_PullImageRequest, PullImageRequest__Output as _tsorch_v1_PullImageRequest__Output } from './tsorch/v1/PullImageRequest.js';
import type { PullImageResponse as _tsorch_v1_PullImageResponse, PullImageResponse__Output as _tsorch_v1_PullImageResponse__Output } from './tsorch/v1/PullImageResponse.js';
import type { PushImageRequest as _tsorch_v1_PushImageRequest, PushImageRequest__Output as _tsorch_v1_PushImageRequest__Output } from './tsorch/v1/PushImageRequest.js';
import type { PushImageResponse as _tsorch_v1_PushImageResponse, PushImageResponse__Output as _tsorch_v1_PushImageResponse__Output } from './tsorch/v1/PushImageResponse.js';
import type { RegistryAuth as _tsorch_v1_RegistryAuth, RegistryAuth__Output as _tsorch_v1_RegistryAuth__Output } from './tsorch/v1/RegistryAuth.js';
import type { RegistryLoginRequest as _tsorch_v1_RegistryLoginRequest, RegistryLoginRequest__Output as _tsorch_v1_RegistryLoginRequest__Output } from './tsorch/v1/RegistryLoginRequest.js';
import type { RegistryLoginResponse as _tsorch_v1_RegistryLoginResponse, RegistryLoginResponse__Output as _tsorch_v1_RegistryLoginResponse__Output } from './tsorch/v1/RegistryLoginResponse.js';
import type { RemoveImageRequest as _tsorch_v1_RemoveImageRequest, RemoveImageRequest__Output as _tsorch_v1_RemoveImageRequest__Output } from './tsorch/v1/RemoveImageRequest.js';
import type { RemoveImageResponse as _tsorch_v1_RemoveImageResponse, RemoveImageResponse__Output as _tsorch_v1_RemoveImageResponse__Output } from './tsorch/v1/RemoveImageResponse.js';
import type { SaveImagesRequest as _tsorch_v1_SaveImagesRequest, SaveImagesRequest__Output as _tsorch_v1_SaveImagesRequest__Output } from './tsorch/v1/SaveImagesRequest.js';
import type { SaveImagesResponse as _tsorch_v1_SaveImagesResponse, SaveImagesResponse__Output as _tsorch_v1_SaveImagesResponse__Output } from './tsorch/v1/SaveImagesResponse.js';
import type { TagImageRequest as _tsorch_v1_TagImageRequest, TagImageRequest__Output as _tsorch_v1_TagImageRequest__Output } from './tsorch/v1/TagImageRequest.js';
import type { TagImageResponse as _tsorch_v1_TagImageResponse, TagImageResponse__Output as _tsorch_v1_TagImageResponse__Output } from './tsorch/v1/TagImageResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ImageArchiveChunk: MessageTypeDefinition<_tsorch_v1_ImageArchiveChunk, _tsorch_v1_ImageArchiveChunk__Output>
      ImageProgressEvent: MessageTypeDefinition<_tsorch_v1_ImageProgressEvent, _tsorch_v1_ImageProgressEvent__Output>
      ImageSummary: MessageTypeDefinition<_tsorch_v1_ImageSummary, _tsorch_v1_ImageSummary__Output>
      Images: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ImagesClient> & { service: _tsorch_v1_ImagesDefinition }
      InspectImageRequest: MessageTypeDefinition<_tsorch_v1_InspectImageRequest, _tsorch_v1_InspectImageRequest__Output>
      InspectImageResponse: MessageTypeDefinition<_tsorch_v1_InspectImageResponse, _tsorch_v1_InspectImageResponse__Output>
      ListImagesRequest: MessageTypeDefinition<_tsorch_v1_ListImagesRequest, _tsorch_v1_ListImagesRequest__Output>
      ListImagesResponse: MessageTypeDefinition<_tsorch_v1_ListImagesResponse, _tsorch_v1_ListImagesResponse__Output>
      LoadImagesRequest: MessageTypeDefinition<_tsorch_v1_LoadImagesRequest, _tsorch_v1_LoadImagesRequest__Output>
      LoadImagesResponse: MessageTypeDefinition<_tsorch_v1_LoadImagesResponse, _tsorch_v1_LoadImagesResponse__Output>
      PruneImagesRequest: MessageTypeDefinition<_tsorch_v1_PruneImagesRequest, _tsorch_v1_PruneImagesRequest__Output>
      PruneImagesResponse: MessageTypeDefinition<_tsorch_v1_PruneImagesResponse, _tsorch_v1_PruneImagesResponse__Output>
      PullImageRequest: MessageTypeDefinition<_tsorch_v1_PullImageRequest, _tsorch_v1_PullImageRequest__Output>
      PullImageResponse: MessageTypeDefinition<_tsorch_v1_PullImageResponse, _tsorch_v1_PullImageResponse__Output>
      PushImageRequest: MessageTypeDefinition<_tsorch_v1_PushImageRequest, _tsorch_v1_PushImageRequest__Output>
      PushImageResponse: MessageTypeDefinition<_tsorch_v1_PushImageResponse, _tsorch_v1_PushImageResponse__Output>
      RegistryAuth: MessageTypeDefinition<_tsorch_v1_RegistryAuth, _tsorch_v1_RegistryAuth__Output>
      RegistryLoginRequest: MessageTypeDefinition<_tsorch_v1_RegistryLoginRequest, _tsorch_v1_RegistryLoginRequest__Output>
      RegistryLoginResponse: MessageTypeDefinition<_tsorch_v1_RegistryLoginResponse, _tsorch_v1_RegistryLoginResponse__Output>
      RemoveImageRequest: MessageTypeDefinition<_tsorch_v1_RemoveImageRequest, _tsorch_v1_RemoveImageRequest__Output>
      RemoveImageResponse: MessageTypeDefinition<_tsorch_v1_RemoveImageResponse, _tsorch_v1_RemoveImageResponse__Output>
      SaveImagesRequest: MessageTypeDefinition<_tsorch_v1_SaveImagesRequest, _tsorch_v1_SaveImagesRequest__Output>
      SaveImagesResponse: MessageTypeDefinition<_tsorch_v1_SaveImagesResponse, _tsorch_v1_SaveImagesResponse__Output>
      TagImageRequest: MessageTypeDefinition<_tsorch_v1_TagImageRequest, _tsorch_v1_TagImageRequest__Output>
      TagImageResponse: MessageTypeDefinition<_tsorch_v1_TagImageResponse, _tsorch_v1_TagImageResponse__Output>
    }
  }
}


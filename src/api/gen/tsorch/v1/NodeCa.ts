// Original file: tsorch/v1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetRootCaRequest as _tsorch_v1_GetRootCaRequest, GetRootCaRequest__Output as _tsorch_v1_GetRootCaRequest__Output } from '../../tsorch/v1/GetRootCaRequest.js';
import type { GetRootCaResponse as _tsorch_v1_GetRootCaResponse, GetRootCaResponse__Output as _tsorch_v1_GetRootCaResponse__Output } from '../../tsorch/v1/GetRootCaResponse.js';
import type { IssueNodeCertificateRequest as _tsorch_v1_IssueNodeCertificateRequest, IssueNodeCertificateRequest__Output as _tsorch_v1_IssueNodeCertificateRequest__Output } from '../../tsorch/v1/IssueNodeCertificateRequest.js';
import type { IssueNodeCertificateResponse as _tsorch_v1_IssueNodeCertificateResponse, IssueNodeCertificateResponse__Output as _tsorch_v1_IssueNodeCertificateResponse__Output } from '../../tsorch/v1/IssueNodeCertificateResponse.js';

export interface NodeCaClient extends grpc.Client {
  GetRootCa(argument: _tsorch_v1_GetRootCaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  GetRootCa(argument: _tsorch_v1_GetRootCaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  GetRootCa(argument: _tsorch_v1_GetRootCaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  GetRootCa(argument: _tsorch_v1_GetRootCaRequest, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  getRootCa(argument: _tsorch_v1_GetRootCaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  getRootCa(argument: _tsorch_v1_GetRootCaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  getRootCa(argument: _tsorch_v1_GetRootCaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  getRootCa(argument: _tsorch_v1_GetRootCaRequest, callback: grpc.requestCallback<_tsorch_v1_GetRootCaResponse__Output>): grpc.ClientUnaryCall;
  
  IssueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  IssueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  IssueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  IssueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  issueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  issueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  issueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  issueNodeCertificate(argument: _tsorch_v1_IssueNodeCertificateRequest, callback: grpc.requestCallback<_tsorch_v1_IssueNodeCertificateResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface NodeCaHandlers extends grpc.UntypedServiceImplementation {
  GetRootCa: grpc.handleUnaryCall<_tsorch_v1_GetRootCaRequest__Output, _tsorch_v1_GetRootCaResponse>;
  
  IssueNodeCertificate: grpc.handleUnaryCall<_tsorch_v1_IssueNodeCertificateRequest__Output, _tsorch_v1_IssueNodeCertificateResponse>;
  
}

export interface NodeCaDefinition extends grpc.ServiceDefinition {
  GetRootCa: MethodDefinition<_tsorch_v1_GetRootCaRequest, _tsorch_v1_GetRootCaResponse, _tsorch_v1_GetRootCaRequest__Output, _tsorch_v1_GetRootCaResponse__Output>
  IssueNodeCertificate: MethodDefinition<_tsorch_v1_IssueNodeCertificateRequest, _tsorch_v1_IssueNodeCertificateResponse, _tsorch_v1_IssueNodeCertificateRequest__Output, _tsorch_v1_IssueNodeCertificateResponse__Output>
}

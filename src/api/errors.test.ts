import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, TsorchError } from '../util/errors.js';
import { fromGrpcError, grpcStatusOf, toGrpcError, unary } from './errors.js';

function roundTrip(err: unknown): TsorchError {
  const g = toGrpcError(err);
  return fromGrpcError(
    Object.assign(new Error(g.message), {
      code: g.code ?? grpc.status.UNKNOWN,
      details: g.details ?? '',
      metadata: g.metadata ?? new grpc.Metadata(),
    }),
  );
}

describe('gRPC error mapping', () => {
  it('unary() maps a handler that throws before any await as one that rejects', async () => {
    const handler = unary((): Promise<object> => {
      throw new TsorchError('CONTAINER_NOT_FOUND', 'No such container: "x"');
    });
    const err = await new Promise<grpc.ServiceError | null>((resolve) => {
      const call = { request: {} } as unknown as grpc.ServerUnaryCall<object, object>;
      handler(call, (e) => {
        resolve(e as grpc.ServiceError | null);
      });
    });
    expect(err?.code).toBe(grpc.status.NOT_FOUND);
    expect(err?.metadata.get('tsorch-error-code')).toEqual(['CONTAINER_NOT_FOUND']);
  });

  it.each(ERROR_CODES.map((c) => [c]))('round-trips code %s with its hint and details', (code) => {
    const back = roundTrip(
      new TsorchError(code, 'Something "x" failed', { hint: 'do y', details: { field: 'a.b' } }),
    );
    expect(back.code).toBe(code);
    expect(back.message).toBe('Something "x" failed');
    expect(back.hint).toBe('do y');
    expect(back.details).toEqual({ field: 'a.b' });
  });

  it('maps codes to the matching gRPC status', () => {
    expect(grpcStatusOf('NOT_FOUND')).toBe(grpc.status.NOT_FOUND);
    expect(grpcStatusOf('STORE_CONFLICT')).toBe(grpc.status.ABORTED);
    expect(grpcStatusOf('RAFT_NOT_LEADER')).toBe(grpc.status.FAILED_PRECONDITION);
    expect(grpcStatusOf('INTERNAL')).toBe(grpc.status.INTERNAL);
    expect(grpcStatusOf('CA_INVALID_TOKEN')).toBe(grpc.status.UNAUTHENTICATED);
    expect(grpcStatusOf('CA_CERT_NOT_YET_VALID')).toBe(grpc.status.FAILED_PRECONDITION);
  });

  it('sends non-tsorch errors as INTERNAL', () => {
    const back = roundTrip(new RangeError('index out of range'));
    expect(back.code).toBe('INTERNAL');
    expect(back.message).toBe('internal error: index out of range');
  });

  it('classifies transport failures without a tsorch code by their status', () => {
    const err = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: grpc.status.UNAVAILABLE,
      details: 'No connection established',
      metadata: new grpc.Metadata(),
    });
    expect(fromGrpcError(err).code).toBe('UNAVAILABLE');
  });
});

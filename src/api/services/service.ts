/**
 * gRPC handlers of the Services service (proto/tsorch/v1/services.proto): decode, convert, call
 * the manager's service domain over the store, encode. Reads are linearizable (Raft ReadIndex),
 * so a CLI talking to a follower sees its own writes.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import {
  createService,
  explainPending,
  findService,
  listServices,
  listTasks,
  parseEventTypes,
  removeService,
  rollbackService,
  scaleService,
  serviceCounts,
  taskName,
  updateService,
  watchEvents,
} from '../../manager/index.js';
import { formatExplanation } from '../../scheduler/index.js';
import type { ReadTx, Service, Store } from '../../store/index.js';
import { serverStream, unary } from '../errors.js';
import type { EventsRequest__Output } from '../gen/tsorch/v1/EventsRequest.js';
import type { EventsResponse } from '../gen/tsorch/v1/EventsResponse.js';
import type { ListServicesRequest__Output } from '../gen/tsorch/v1/ListServicesRequest.js';
import type { ListTasksRequest__Output } from '../gen/tsorch/v1/ListTasksRequest.js';
import type { ServiceInfo } from '../gen/tsorch/v1/ServiceInfo.js';
import type { ServiceSpec__Output } from '../gen/tsorch/v1/ServiceSpec.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { send } from '../stream.js';
import { policyFor, type RpcPolicy } from '../tls.js';
import { serviceToProto, specFromProto, taskToProto } from './convert.js';

/** Who may call the Services API over TCP: managers (a remote CLI holds a manager's certificate). */
export const SERVICES_POLICY: RpcPolicy = policyFor('tsorch.v1.Services', {
  CreateService: ['manager'],
  UpdateService: ['manager'],
  ScaleService: ['manager'],
  RollbackService: ['manager'],
  RemoveService: ['manager'],
  GetService: ['manager'],
  ListServices: ['manager'],
  ListTasks: ['manager'],
  ExplainTasks: ['manager'],
  Events: ['manager'],
});

/** What the Services service needs. */
export interface ServicesApiParts {
  /** The manager's replicated store. */
  store: Store;
  /** Milliseconds since the epoch (default `Date.now`); dates explanations and rollbacks. */
  clockMs?: () => number;
}

function infoOf(tx: ReadTx, service: Service): ServiceInfo {
  return serviceToProto(service, serviceCounts(service, tx.find('tasks', 'service', service.id)));
}

function deadlineSignal(call: { on(event: 'cancelled', fn: () => void): unknown }): AbortSignal {
  const abort = new AbortController();
  call.on('cancelled', () => {
    abort.abort();
  });
  return abort.signal;
}

/** The Services service over `store`. */
export function serviceServices(parts: ServicesApiParts): ServiceBinding[] {
  const { store } = parts;
  const clockMs = parts.clockMs ?? Date.now;
  const read = <R>(fn: (tx: ReadTx) => R, signal?: AbortSignal): Promise<R> =>
    store.linearizableView(fn, signal === undefined ? {} : { signal });
  const info = (id: string): Promise<ServiceInfo> => read((tx) => infoOf(tx, findService(tx, id)));
  const implementation: grpc.UntypedServiceImplementation = {
    createService: unary(async (req: { spec: ServiceSpec__Output | null }, call) => {
      const s = await createService(store, specFromProto(req.spec), {
        signal: deadlineSignal(call),
      });
      return { service: await info(s.id) };
    }),
    updateService: unary(
      async (
        req: { service: string; version: string; spec: ServiceSpec__Output | null; force: boolean },
        call,
      ) => {
        const s = await updateService(store, req.service, specFromProto(req.spec), {
          version: Number(req.version),
          force: req.force,
          signal: deadlineSignal(call),
        });
        return { service: await info(s.id) };
      },
    ),
    scaleService: unary(async (req: { service: string; replicas: string }, call) => {
      const s = await scaleService(store, req.service, Number(req.replicas), {
        signal: deadlineSignal(call),
      });
      return { service: await info(s.id) };
    }),
    rollbackService: unary(async (req: { service: string }, call) => {
      const s = await rollbackService(store, req.service, {
        clockMs,
        signal: deadlineSignal(call),
      });
      return { service: await info(s.id) };
    }),
    removeService: unary(async (req: { service: string }, call) => ({
      id: await removeService(store, req.service, { signal: deadlineSignal(call) }),
    })),
    getService: unary(async (req: { service: string }) => ({ service: await info(req.service) })),
    listServices: unary(async (req: ListServicesRequest__Output) => ({
      services: await read((tx) =>
        listServices(tx, req).map((l) => serviceToProto(l.service, l.counts)),
      ),
    })),
    listTasks: unary(async (req: ListTasksRequest__Output) => ({
      tasks: await read((tx) =>
        listTasks(tx, {
          services: req.services,
          nodes: req.nodes,
          desiredStates: req.desiredStates,
          names: req.names,
        }).map((t) => {
          const service = tx.get('services', t.serviceId)?.spec.name ?? t.serviceId;
          return taskToProto(t, {
            service,
            task: taskName(t, service),
            nodeHostname: tx.get('nodes', t.nodeId)?.description.hostname ?? '',
          });
        }),
      ),
    })),
    explainTasks: unary(async (req: { service: string }) => ({
      tasks: await read((tx) => {
        const service = findService(tx, req.service);
        return explainPending(tx, service.id, clockMs()).map((e) => {
          const task = tx.get('tasks', e.taskId);
          return {
            taskId: e.taskId,
            taskName: task === undefined ? e.taskId : taskName(task, service.spec.name),
            storedMessage: e.storedMessage,
            fitsNow: e.explanation === undefined,
            message: e.explanation?.message ?? '',
            nodes: e.explanation?.nodes ?? [],
            lines: e.explanation === undefined ? [] : formatExplanation(e.explanation),
          };
        });
      }),
    })),
    events: serverStream(
      async (
        req: EventsRequest__Output,
        call: grpc.ServerWritableStream<EventsRequest__Output, EventsResponse>,
        signal,
      ) => {
        const events = watchEvents(store, {
          types: parseEventTypes(req.types),
          signal,
          ...(req.hasSince ? { fromVersion: Number(req.sinceVersion) } : {}),
        });
        for await (const e of events) {
          if (signal.aborted) break;
          await send(call, e, { signal });
        }
      },
    ),
  };
  return [{ definition: serviceDefinition('services', 'Services'), implementation }];
}

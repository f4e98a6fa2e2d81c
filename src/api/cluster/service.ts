/**
 * The cluster services (proto/tsorch/v1/cluster.proto): Swarm (the `swarm` and `node`
 * commands), NodeCa (the join port) and Membership (node to manager). Handlers decode, route to
 * the leader (forwarding from a follower) and encode; the daemon does the work.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import type { NodeIdentity } from '../../manager/index.js';
import { hasCode, TsorchError } from '../../util/errors.js';
import { toGrpcError } from '../errors.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { policyFor, type RpcPolicy } from '../tls.js';
import type { ClusterBackend, ManagerOps } from './backend.js';
import { callerOf, forwardUnary, notLeaderAgain } from './forward.js';

/** Tries of a forwarded call while a new leader is elected, and the pause between them. */
const FORWARD_ATTEMPTS = 4;
const FORWARD_RETRY_MS = 1_000;

type Handler = (req: never, ops: ManagerOps, caller: NodeIdentity | undefined) => Promise<unknown>;

/** Who may call what over TCP; Init, Join and Leave are for the local socket only. */
export const CLUSTER_POLICY: RpcPolicy = {
  ...policyFor('tsorch.v1.Swarm', {
    Inspect: ['manager'],
    Update: ['manager'],
    GetJoinToken: ['manager'],
    ListNodes: ['manager'],
    InspectNode: ['manager'],
    UpdateNode: ['manager'],
    RemoveNode: ['manager'],
  }),
  ...policyFor('tsorch.v1.NodeCa', {
    GetRootCa: ['anonymous', 'worker', 'manager'],
    IssueNodeCertificate: ['anonymous', 'worker', 'manager'],
  }),
  ...policyFor('tsorch.v1.CaControl', {
    RotateRootCa: ['manager'],
    GetCaStatus: ['manager'],
  }),
  ...policyFor('tsorch.v1.Membership', {
    JoinRaft: ['manager'],
    NodeRole: ['worker', 'manager'],
    RenewCertificate: ['worker', 'manager'],
    LeaveCluster: ['worker', 'manager'],
  }),
};

function needCaller(caller: NodeIdentity | undefined): NodeIdentity {
  if (caller === undefined) {
    throw new TsorchError(
      'PERMISSION_DENIED',
      'Permission denied: this call needs a node certificate',
    );
  }
  return caller;
}

const swarmRouted: Record<string, { leader: boolean; run: Handler }> = {
  Inspect: { leader: true, run: (_r, ops) => ops.inspect() },
  Update: { leader: true, run: (r, ops) => ops.update(r) },
  GetJoinToken: { leader: true, run: (r, ops) => ops.getJoinToken(r) },
  ListNodes: { leader: true, run: (_r, ops) => ops.listNodes() },
  InspectNode: { leader: true, run: (r, ops) => ops.inspectNode(r) },
  UpdateNode: { leader: true, run: (r, ops) => ops.updateNode(r) },
  RemoveNode: { leader: true, run: async (r, ops) => ops.removeNode(r).then(() => ({})) },
};

const caRouted: Record<string, { leader: boolean; run: Handler }> = {
  GetRootCa: { leader: false, run: (_r, ops) => ops.getRootCa() },
  IssueNodeCertificate: { leader: true, run: (r, ops) => ops.issueNodeCertificate(r) },
};

const caControlRouted: Record<string, { leader: boolean; run: Handler }> = {
  RotateRootCa: { leader: true, run: (_r, ops) => ops.rotateRootCa() },
  GetCaStatus: { leader: true, run: (_r, ops) => ops.caStatus() },
};

const membershipRouted: Record<string, { leader: boolean; run: Handler }> = {
  JoinRaft: {
    leader: true,
    run: async (r, ops, c) => ops.joinRaft(r, needCaller(c)).then(() => ({})),
  },
  NodeRole: { leader: true, run: (_r, ops, c) => ops.nodeRole(needCaller(c)) },
  RenewCertificate: { leader: true, run: (r, ops, c) => ops.renewCertificate(r, needCaller(c)) },
  LeaveCluster: {
    leader: true,
    run: async (_r, ops, c) => ops.leaveCluster(needCaller(c)).then(() => ({})),
  },
};

function routedImplementation(
  definition: grpc.ServiceDefinition,
  handlers: Record<string, { leader: boolean; run: Handler }>,
  backend: ClusterBackend,
  clusterId: () => string | undefined,
): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, h] of Object.entries(handlers)) {
    const method = definition[name] as grpc.MethodDefinition<unknown, unknown>;
    impl[name] = ((
      call: grpc.ServerUnaryCall<unknown, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => {
      const { identity, forwarded } = callerOf(call, clusterId());
      const run = async (): Promise<unknown> => {
        // A leader that just died is still named until the election ends: re-route a few times.
        for (let attempt = 1; ; attempt++) {
          const route = await backend.route({ leader: h.leader });
          if (route.kind === 'local') return h.run(call.request as never, route.ops, identity);
          if (forwarded) throw notLeaderAgain();
          try {
            const res = await forwardUnary<unknown>(
              method,
              route.address,
              route.tls,
              call.request,
              identity,
            );
            return markSelf(res, backend.nodeId());
          } catch (err) {
            if (!hasCode(err, 'CLUSTER_MANAGER_UNREACHABLE') || attempt >= FORWARD_ATTEMPTS) {
              throw err;
            }
            await new Promise((r) => setTimeout(r, FORWARD_RETRY_MS));
          }
        }
      };
      run().then(
        (res) => {
          cb(null, res);
        },
        (err: unknown) => {
          cb(isServiceError(err) ? err : toGrpcError(err));
        },
      );
    }) as grpc.UntypedHandleCall;
  }
  return impl;
}

/** Node answers computed on the leader mark the leader as `self`: mark this node instead. */
function markSelf(res: unknown, selfId: string | undefined): unknown {
  const mark = (n: { id?: string; self?: boolean }): void => {
    n.self = n.id === selfId;
  };
  const r = res as { nodes?: { id?: string }[]; node?: { id?: string } | null };
  for (const n of r.nodes ?? []) mark(n);
  if (r.node !== undefined && r.node !== null) mark(r.node);
  return res;
}

function isServiceError(err: unknown): err is grpc.ServiceError {
  return (
    err instanceof Error && 'metadata' in err && 'code' in err && !(err instanceof TsorchError)
  );
}

/**
 * The cluster services of a node. `clusterId` returns the node's cluster (undefined before
 * init or join), used to trust forwarded calls.
 */
export function clusterServices(
  backend: ClusterBackend,
  clusterId: () => string | undefined,
): ServiceBinding[] {
  const swarm = serviceDefinition('cluster', 'Swarm');
  const swarmImpl = routedImplementation(swarm, swarmRouted, backend, clusterId);
  const local = <Req>(fn: (req: Req) => Promise<unknown>): grpc.UntypedHandleCall =>
    ((call: grpc.ServerUnaryCall<Req, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      fn(call.request).then(
        (res) => {
          cb(null, res);
        },
        (err: unknown) => {
          cb(toGrpcError(err));
        },
      );
    }) as grpc.UntypedHandleCall;
  swarmImpl['Init'] = local((r: never) => backend.init(r));
  swarmImpl['Join'] = local((r: never) => backend.join(r));
  swarmImpl['Leave'] = local((r: never) => backend.leave(r).then(() => ({})));
  const ca = serviceDefinition('cluster', 'NodeCa');
  const membership = serviceDefinition('cluster', 'Membership');
  const caControl = serviceDefinition('ca', 'CaControl');
  const caControlImpl = routedImplementation(caControl, caControlRouted, backend, clusterId);
  caControlImpl['Unlock'] = local((r: never) => backend.unlock(r).then(() => ({})));
  caControlImpl['GetUnlockKey'] = local((r: never) => backend.unlockKey(r));
  return [
    {
      definition: caControl,
      implementation: caControlImpl,
    },
    { definition: swarm, implementation: swarmImpl },
    { definition: ca, implementation: routedImplementation(ca, caRouted, backend, clusterId) },
    {
      definition: membership,
      implementation: routedImplementation(membership, membershipRouted, backend, clusterId),
    },
  ];
}

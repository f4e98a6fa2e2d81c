/**
 * Proto ↔ domain conversion of the cluster's networks, secrets, configs and volumes
 * (proto/tsorch/v1/objects.proto). A secret's payload never leaves the manager: there is no
 * field for it in `SecretInfo`.
 *
 * @module
 */
import type {
  Config,
  IpamConfig,
  Meta,
  Network,
  NetworkSpec,
  Secret,
  Volume,
} from '../../store/index.js';
import type { ClusterNetworkInfo } from '../gen/tsorch/v1/ClusterNetworkInfo.js';
import type { ClusterNetworkIpam } from '../gen/tsorch/v1/ClusterNetworkIpam.js';
import type {
  ClusterNetworkSpec,
  ClusterNetworkSpec__Output,
} from '../gen/tsorch/v1/ClusterNetworkSpec.js';
import type { ClusterVolumeInfo } from '../gen/tsorch/v1/ClusterVolumeInfo.js';
import type { ConfigInfo } from '../gen/tsorch/v1/ConfigInfo.js';
import type { ObjectMeta, ObjectMeta__Output } from '../gen/tsorch/v1/ObjectMeta.js';
import type { SecretInfo } from '../gen/tsorch/v1/SecretInfo.js';

function metaToProto(id: string, meta: Meta): ObjectMeta {
  return {
    id,
    version: String(meta.version),
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
}

/** The store's meta of a listed object (what a client reads back). */
export function metaFromProto(meta: ObjectMeta__Output | null): { id: string; meta: Meta } {
  return {
    id: meta?.id ?? '',
    meta: {
      version: Number(meta?.version ?? 0),
      createdAt: meta?.createdAt ?? '',
      updatedAt: meta?.updatedAt ?? '',
    },
  };
}

function ipamToProto(c: IpamConfig): ClusterNetworkIpam {
  return { subnet: c.subnet, gateway: c.gateway ?? '', ipRange: c.ipRange ?? '' };
}

/** The wire form of a network spec. */
export function networkSpecToProto(spec: NetworkSpec): ClusterNetworkSpec {
  return {
    name: spec.name,
    labels: { ...spec.labels },
    driver: spec.driver,
    ipam: spec.ipam.map(ipamToProto),
    attachable: spec.attachable,
    internal: spec.internal,
    ipv6: spec.ipv6,
    ingress: spec.ingress,
  };
}

/**
 * The domain form of a network spec. The driver is passed through (empty: overlay) and checked
 * by the control API, which names the field.
 */
export function networkSpecFromProto(spec: ClusterNetworkSpec__Output | null): NetworkSpec {
  return {
    name: spec?.name ?? '',
    labels: { ...(spec?.labels ?? {}) },
    driver: (spec?.driver === undefined || spec.driver === ''
      ? 'overlay'
      : spec.driver) as NetworkSpec['driver'],
    ipam: (spec?.ipam ?? []).map((c) => ({
      subnet: c.subnet,
      ...(c.gateway === '' ? {} : { gateway: c.gateway }),
      ...(c.ipRange === '' ? {} : { ipRange: c.ipRange }),
    })),
    attachable: spec?.attachable ?? false,
    internal: spec?.internal ?? false,
    ipv6: spec?.ipv6 ?? false,
    ingress: spec?.ingress ?? false,
  };
}

/** The wire form of a stored network. */
export function networkToProto(n: Network): ClusterNetworkInfo {
  return {
    meta: metaToProto(n.id, n.meta),
    spec: networkSpecToProto(n.spec),
    allocated: n.ipam.map((a) => ({ subnet: a.subnet, gateway: a.gateway, ipRange: '' })),
    vni: n.vni ?? 0,
    pendingDelete: n.pendingDelete,
  };
}

/** The wire form of a secret: name and labels, never the payload. */
export function secretToProto(s: Secret): SecretInfo {
  return { meta: metaToProto(s.id, s.meta), name: s.spec.name, labels: { ...s.spec.labels } };
}

/** The wire form of a config; the payload only when `withData` (inspect). */
export function configToProto(c: Config, withData: boolean): ConfigInfo {
  return {
    meta: metaToProto(c.id, c.meta),
    name: c.spec.name,
    labels: { ...c.spec.labels },
    data: withData ? Buffer.from(c.spec.data) : Buffer.alloc(0),
  };
}

/** The wire form of a cluster volume. */
export function volumeToProto(v: Volume): ClusterVolumeInfo {
  return {
    meta: metaToProto(v.id, v.meta),
    name: v.spec.name,
    labels: { ...v.spec.labels },
    driver: v.spec.driver,
    driverOpts: { ...v.spec.driverOpts },
    nodeId: v.nodeId,
  };
}

/**
 * Checks of network, secret, config and volume specs before the control API stores them
 * (pure). Every problem is an issue naming its field by path (`spec.ipam[0].subnet`), as for
 * services (src/manager/services/validate.ts); the control API refuses a spec with any issue
 * and changes nothing. Subnets, gateways and IP ranges are checked by the IPAM that will
 * allocate them, against the networks the cluster already has.
 *
 * @module
 */
import { rebuildIpam } from '../../net/index.js';
import type { Labels, Network, NetworkSpec, SecretSpec, VolumeSpec } from '../../store/index.js';
import { storeSecretDataMaxBytes } from '../../util/limits.js';
import type { SpecIssue } from '../services/index.js';

/** The kinds of object this module writes, singular, as messages name them. */
export type ObjectKind = 'network' | 'secret' | 'config' | 'volume';

/** Docker's rule for object names: letters, digits, `_`, `.` and `-`, alphanumeric at both ends. */
const OBJECT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const OBJECT_NAME_MAX_CHARS = 63;

/** The name of the routing mesh network `swarm init` creates. */
export const INGRESS_NETWORK_NAME = 'ingress';

/**
 * The ingress network's default subnet. Docker uses 10.0.0.0/24; tsorch's address pools cut
 * /20s out of 10.0.0.0/8 from the bottom, so the ingress network takes the last /20 of the
 * pool's first /16 (10.0.240.0/20): 4,094 addresses (a /24 holds fewer tasks than one large
 * service has), and user networks that ask for nothing start at 10.0.0.0/20 as before.
 */
export const INGRESS_DEFAULT_SUBNET = '10.0.240.0/20';

/**
 * Why an encrypted overlay is refused: the data path would need IPsec ESP (Docker's choice)
 * or WireGuard, and tsorch implements neither (nor does this host's kernel have them).
 */
export const ENCRYPTED_OVERLAY_REFUSAL =
  'encrypted overlay networks are not supported: tsorch has no encrypted data path (it would need IPsec ESP or WireGuard, which this kind of host kernel does not provide)';

/** The driver option that asks for an encrypted overlay (`docker network create -o encrypted`). */
export const ENCRYPTED_OPTION = 'encrypted';

function checkName(name: string, issues: SpecIssue[]): void {
  if (name === '') issues.push({ field: 'spec.name', message: 'must not be empty' });
  else if (name.length > OBJECT_NAME_MAX_CHARS)
    issues.push({
      field: 'spec.name',
      message: `must be at most ${OBJECT_NAME_MAX_CHARS} characters, not ${name.length}`,
    });
  else if (!OBJECT_NAME.test(name))
    issues.push({
      field: 'spec.name',
      message: `"${name}" is not a valid name: use letters, digits, "_", "." and "-", starting and ending with a letter or digit`,
    });
}

function checkLabels(labels: Labels, issues: SpecIssue[]): void {
  for (const key of Object.keys(labels))
    if (key.trim() === '')
      issues.push({ field: 'spec.labels', message: 'a label key must not be empty' });
}

/**
 * Lists the problems of a cluster network spec and its driver options; empty when it can be
 * stored. `existing` are the cluster's networks: a given subnet must not overlap theirs, and
 * there is one ingress network at most.
 */
export function networkSpecIssues(
  spec: NetworkSpec,
  options: Readonly<Record<string, string>>,
  existing: readonly Network[],
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  checkName(spec.name, issues);
  checkLabels(spec.labels, issues);
  // overlay spans nodes; bridge is a cluster network of scope local: each node bridges the
  // tasks it runs, and tasks on different nodes do not reach each other (what `driver: bridge`
  // means in a compose file deployed by `tsorch up`). ADR 027.
  const driver: string = spec.driver;
  if (driver !== 'overlay' && driver !== 'bridge')
    issues.push({
      field: 'spec.driver',
      message: `must be "overlay" (or "bridge", local to each node), not "${driver}"`,
    });
  if (spec.ingress && driver === 'bridge')
    issues.push({ field: 'spec.driver', message: 'the ingress network must be "overlay"' });
  for (const [key, value] of Object.entries(options)) {
    if (key === ENCRYPTED_OPTION)
      issues.push({ field: `options.${key}`, message: ENCRYPTED_OVERLAY_REFUSAL });
    else
      issues.push({
        field: `options.${key}`,
        message: `unknown overlay driver option "${key}=${value}"`,
      });
  }
  if (spec.ipv6) issues.push({ field: 'spec.ipv6', message: 'IPv6 networks are not supported' });
  if (spec.ipam.length > 1)
    issues.push({
      field: 'spec.ipam',
      message: `one IPv4 subnet per network is supported, not ${spec.ipam.length}`,
    });
  if (spec.ingress && spec.internal)
    issues.push({ field: 'spec.internal', message: 'the ingress network cannot be internal' });
  if (spec.ingress && spec.attachable)
    issues.push({ field: 'spec.attachable', message: 'the ingress network cannot be attachable' });
  const ingress = existing.find((n) => n.spec.ingress && !n.pendingDelete);
  if (spec.ingress && ingress !== undefined)
    issues.push({
      field: 'spec.ingress',
      message: `the cluster already has an ingress network ("${ingress.spec.name}")`,
    });
  checkIpam(spec, existing, issues);
  return issues;
}

/** Asks the IPAM, rebuilt from the stored networks, whether it could allocate `spec` as given. */
function checkIpam(spec: NetworkSpec, existing: readonly Network[], issues: SpecIssue[]): void {
  const config = spec.ipam[0];
  if (config === undefined) return;
  if (config.subnet === '') {
    if ((config.gateway ?? '') !== '' || (config.ipRange ?? '') !== '')
      issues.push({
        field: 'spec.ipam[0].subnet',
        message: 'must be given with a gateway or an IP range',
      });
    return;
  }
  const live = existing.filter((n) => !n.pendingDelete);
  const { ipam } = rebuildIpam({ networks: live, services: [], tasks: [] });
  const result = ipam.allocateNetwork({ id: '', spec: { ...spec, ipam: [config] } });
  if (result.ok) return;
  const { message } = result.issue;
  const field = message.includes('gateway')
    ? 'spec.ipam[0].gateway'
    : message.includes('ip_range')
      ? 'spec.ipam[0].ipRange'
      : 'spec.ipam[0].subnet';
  // The IPAM names the network in its message; the field says where instead.
  issues.push({ field, message: message.replace(/^Network "[^"]*": /, '') });
}

/** Lists the problems of a secret or config spec; empty when it can be stored. */
export function fileObjectIssues(kind: 'secret' | 'config', spec: SecretSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  checkName(spec.name, issues);
  checkLabels(spec.labels, issues);
  // Docker refuses empty payloads too: an empty file is almost always a mistake.
  if (spec.data.byteLength === 0)
    issues.push({ field: 'spec.data', message: `a ${kind} must not be empty` });
  if (spec.data.byteLength > storeSecretDataMaxBytes)
    issues.push({
      field: 'spec.data',
      message: `must be at most ${storeSecretDataMaxBytes} bytes (500 KiB), not ${spec.data.byteLength}`,
    });
  return issues;
}

/** Lists the problems of a cluster volume spec; empty when it can be stored. */
export function volumeSpecIssues(spec: VolumeSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  checkName(spec.name, issues);
  checkLabels(spec.labels, issues);
  // The wire form carries any string; the type says what the store may hold.
  const driver: string = spec.driver;
  if (driver !== 'local')
    issues.push({ field: 'spec.driver', message: `must be "local", not "${driver}"` });
  return issues;
}

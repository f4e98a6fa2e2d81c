/**
 * A whole compose project → the specs of its stack: services, networks, volumes, secrets and
 * configs, named and labelled as Docker Compose and Swarm name them, plus every key that cannot
 * be honoured. Pure: secret and config payloads are named by their source (file, environment
 * variable, inline content) and read by the deploying edge.
 *
 * @module
 */
import type { Labels, NetworkSpec, ServiceSpec, VolumeSpec } from '../../store/index.js';
import { STACK_NAMESPACE_LABEL } from '../../store/index.js';
import type { ComposeProject, UnsupportedKey } from '../../compose/index.js';
import { findUnsupported } from '../../compose/index.js';
import { auditNestedKeys } from './audit.js';
import { COMPOSE_PROJECT_LABEL, resourceName } from './names.js';
import { serviceSpec, type SpecTarget } from './service-spec.js';

/** Where a secret's or config's payload comes from. */
export type PayloadSource =
  | { kind: 'file'; path: string }
  | { kind: 'environment'; variable: string }
  | { kind: 'content'; text: string };

/** A secret or config of the stack, before its payload is read. */
export interface FileObjectSpec {
  name: string;
  labels: Labels;
  /** Undefined for an external object, which must exist already. */
  source?: PayloadSource;
  external: boolean;
}

/** A network or volume of the stack; an external one must exist already. */
export type StackResource<T> = { spec: T; external: boolean };

/** Everything a project deploys. */
export interface StackSpecs {
  namespace: string;
  services: ServiceSpec[];
  networks: StackResource<NetworkSpec>[];
  volumes: StackResource<VolumeSpec>[];
  secrets: FileObjectSpec[];
  configs: FileObjectSpec[];
  /** Keys that cannot be honoured: `up` reports them all before it changes anything. */
  issues: UnsupportedKey[];
}

/** Options of {@link stackSpecs}. */
export interface StackSpecOptions {
  /** Whose defaults apply: `compose` (`tsorch up`) or `stack` (`tsorch stack deploy`). */
  target: SpecTarget;
}

function labels(
  project: ComposeProject,
  own: Labels | undefined,
  kind: string,
  key: string,
): Labels {
  return {
    ...(own ?? {}),
    [STACK_NAMESPACE_LABEL]: project.name,
    [COMPOSE_PROJECT_LABEL]: project.name,
    [`com.docker.compose.${kind}`]: key,
  };
}

function usesDefaultNetwork(project: ComposeProject): boolean {
  return Object.values(project.services).some(
    (s) => s.network_mode === undefined && (s.networks === undefined || 'default' in s.networks),
  );
}

/** Networks; an unsupported driver was reported by the loader's list (findUnsupported). */
function networks(project: ComposeProject, target: SpecTarget): StackResource<NetworkSpec>[] {
  const declared = { ...(project.networks ?? {}) };
  if (usesDefaultNetwork(project) && declared['default'] === undefined) declared['default'] = {};
  return Object.entries(declared).map(([key, n]) => {
    // A project's networks are cluster networks, and those are overlays: on the embedded single
    // node an overlay is a bridge whose VXLAN port has no peers, so `up` keeps compose's
    // `driver: bridge` meaning there; `stack deploy` keeps Swarm's rule (a bridge is refused).
    const driver = n.driver === undefined || target === 'compose' ? 'overlay' : n.driver;
    const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const ipam = (n.ipam?.config ?? []).map((c) => {
      const gateway = text(c['gateway']);
      const ipRange = text(c['ip_range']);
      return {
        subnet: text(c['subnet']) ?? '',
        ...(gateway === undefined ? {} : { gateway }),
        ...(ipRange === undefined ? {} : { ipRange }),
      };
    });
    return {
      external: n.external === true,
      spec: {
        name: resourceName(project, 'networks', key),
        labels: labels(project, n.labels, 'network', key),
        driver: driver === 'overlay' ? 'overlay' : 'bridge',
        ipam,
        attachable: n.attachable === true,
        internal: n.internal === true,
        ipv6: n.enable_ipv6 === true,
        ingress: false,
      },
    };
  });
}

/** Volumes; an unsupported driver was reported by the loader's list (findUnsupported). */
function volumes(project: ComposeProject): StackResource<VolumeSpec>[] {
  return Object.entries(project.volumes ?? {}).map(([key, v]) => {
    return {
      external: v.external === true,
      spec: {
        name: resourceName(project, 'volumes', key),
        labels: labels(project, v.labels, 'volume', key),
        driver: 'local',
        driverOpts: { ...(v.driver_opts ?? {}) },
      },
    };
  });
}

function fileObjects(
  project: ComposeProject,
  kind: 'secrets' | 'configs',
  issues: UnsupportedKey[],
): FileObjectSpec[] {
  return Object.entries(project[kind] ?? {}).map(([key, o]) => {
    const path = `${kind}.${key}`;
    let source: PayloadSource | undefined;
    if (o.file !== undefined) source = { kind: 'file', path: o.file };
    else if (o.environment !== undefined) source = { kind: 'environment', variable: o.environment };
    else if (o.content !== undefined) source = { kind: 'content', text: o.content };
    else if (o.external !== true) {
      issues.push({ service: undefined, path, reason: 'it names no file, environment or content' });
    }
    for (const k of ['driver', 'template_driver'] as const) {
      if (o[k] !== undefined)
        issues.push({
          service: undefined,
          path: `${path}.${k}`,
          reason: `"${k}" is not supported`,
        });
    }
    return {
      name: resourceName(project, kind, key),
      labels: labels(project, o.labels, kind === 'secrets' ? 'secret' : 'config', key),
      ...(source === undefined ? {} : { source }),
      external: o.external === true,
    };
  });
}

/**
 * Converts `project` into the specs of its stack (its namespace is the project name).
 *
 * @returns the specs and every key that could not be honoured, top-level ones included.
 */
export function stackSpecs(project: ComposeProject, options: StackSpecOptions): StackSpecs {
  const issues = [...findUnsupported(project), ...auditNestedKeys(project)];
  const alreadyReported = new Set(issues.map((i) => i.path));
  const services = Object.keys(project.services)
    .sort()
    .map((name) => {
      const result = serviceSpec(project, name, { target: options.target, alreadyReported });
      issues.push(...result.issues);
      return result.spec;
    });
  return {
    namespace: project.name,
    services,
    networks: networks(project, options.target),
    volumes: volumes(project),
    secrets: fileObjects(project, 'secrets', issues),
    configs: fileObjects(project, 'configs', issues),
    issues,
  };
}

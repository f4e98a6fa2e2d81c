/**
 * The nested keys of a compose project that {@link serviceSpec} and {@link stackSpecs} do not
 * map: every one becomes an issue (an error, or a warning where ignoring it changes nothing a
 * user can observe on Linux), so no key is dropped silently. Service keys at the first level are
 * checked by serviceSpec itself; this file walks one level deeper (volumes, ports, network
 * attachments, build) and the top-level networks, volumes, secrets and configs.
 *
 * @module
 */
import type { ComposeProject, UnsupportedKey } from '../../compose/index.js';

/** Why a nested key is not honoured, and whether that stops a deploy. */
interface Rule {
  reason: string;
  warning?: true;
  /** Values that are honoured after all (the behaviour tsorch always has). */
  honours?: (value: unknown) => boolean;
}

/** A table of the keys of one nested object: `true` means mapped, a rule means reported. */
type KeyTable = Record<string, true | Rule>;

const volumeKeys: KeyTable = {
  type: true,
  source: true,
  target: true,
  read_only: true,
  volume: true,
  tmpfs: true,
  bind: true,
  consistency: { reason: 'mount consistency has no meaning on Linux', warning: true },
  image: true,
};

const bindKeys: KeyTable = {
  propagation: { reason: 'bind propagation modes are not supported' },
  selinux: { reason: 'SELinux relabelling is not supported' },
  // The agent creates a missing bind source, as `docker run -v` does.
  create_host_path: {
    reason: 'a missing host path is always created',
    warning: true,
    honours: (v) => v === true,
  },
  recursive: { reason: 'recursive bind options are not supported' },
};

const volumeOptionKeys: KeyTable = {
  subpath: true, // reported by serviceSpec with its own reason
  // An empty volume always takes the image's content at its target (docker's copy-up).
  nocopy: {
    reason: 'image content is always copied into an empty volume',
    honours: (v) => v === false,
  },
  labels: { reason: 'labels of an anonymous volume are not supported' },
};

const tmpfsKeys: KeyTable = {
  size: true,
  mode: { reason: 'tmpfs modes are not supported (always 1777)' },
};

const portKeys: KeyTable = {
  name: true,
  mode: true,
  host_ip: true,
  target: true,
  published: true,
  protocol: true,
  app_protocol: { reason: 'the application protocol is documentation only', warning: true },
};

const attachmentKeys: KeyTable = {
  aliases: true,
  // ipv4_address and the other address keys are reported by serviceSpec.
  ipv4_address: true,
  ipv6_address: true,
  mac_address: true,
  link_local_ips: true,
  interface_name: true,
  driver_opts: true,
  priority: { reason: 'network priorities are not supported', warning: true },
  gw_priority: { reason: 'the default gateway is the first network', warning: true },
};

/** Keys of `build:` that the tsorch builder takes (tsorch.v1.Builder/Build). */
const buildKeys: KeyTable = {
  context: true,
  dockerfile: true,
  args: true,
  target: true,
  no_cache: true,
  tags: true,
};

const networkKeys: KeyTable = {
  name: true,
  driver: true,
  external: true,
  internal: true,
  attachable: true,
  labels: true,
  ipam: true,
  enable_ipv6: true,
  enable_ipv4: true,
  driver_opts: { reason: 'network driver options are not supported' },
};

const ipamKeys: KeyTable = {
  config: true,
  driver: { reason: 'only the default IPAM driver is supported' },
  options: { reason: 'IPAM driver options are not supported' },
};

const ipamConfigKeys: KeyTable = {
  subnet: true,
  gateway: true,
  ip_range: true,
  aux_addresses: { reason: 'auxiliary addresses are not supported' },
};

const volumeTopKeys: KeyTable = {
  name: true,
  driver: true,
  driver_opts: true,
  external: true,
  labels: true,
};

const fileObjectKeys: KeyTable = {
  name: true,
  file: true,
  environment: true,
  content: true,
  external: true,
  labels: true,
  // driver and template_driver are reported by stackSpecs.
  driver: true,
  template_driver: true,
  driver_opts: { reason: 'secret and config driver options are not supported' },
};

function entries(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value)
    : [];
}

/** Collects issues for keys of `value` that `table` does not map. */
function check(
  out: UnsupportedKey[],
  service: string | undefined,
  path: string,
  value: unknown,
  table: KeyTable,
): void {
  for (const [key, v] of entries(value)) {
    if (key.startsWith('x-') || v === undefined) continue;
    const rule = table[key];
    if (rule === true || rule?.honours?.(v) === true) continue;
    out.push({
      service,
      path: `${path}.${key}`,
      reason: rule?.reason ?? `"${key}" is not supported by tsorch`,
      ...(rule?.warning === true ? { severity: 'warning' as const } : {}),
    });
  }
}

/** Every nested key of `project` that is not honoured. */
export function auditNestedKeys(project: ComposeProject): UnsupportedKey[] {
  const out: UnsupportedKey[] = [];
  for (const [name, svc] of Object.entries(project.services)) {
    const base = `services.${name}`;
    for (const [i, v] of (svc.volumes ?? []).entries()) {
      const path = `${base}.volumes[${i}]`;
      check(out, name, path, v, volumeKeys);
      check(out, name, `${path}.bind`, v.bind, bindKeys);
      check(out, name, `${path}.volume`, v.volume, volumeOptionKeys);
      check(out, name, `${path}.tmpfs`, v.tmpfs, tmpfsKeys);
    }
    for (const [i, p] of (svc.ports ?? []).entries())
      check(out, name, `${base}.ports[${i}]`, p, portKeys);
    for (const [net, cfg] of entries(svc.networks))
      check(out, name, `${base}.networks.${net}`, cfg, attachmentKeys);
    if (svc.build !== undefined) check(out, name, `${base}.build`, svc.build, buildKeys);
  }
  for (const [key, n] of Object.entries(project.networks ?? {})) {
    const path = `networks.${key}`;
    check(out, undefined, path, n, networkKeys);
    check(out, undefined, `${path}.ipam`, n.ipam, ipamKeys);
    for (const [i, c] of (n.ipam?.config ?? []).entries())
      check(out, undefined, `${path}.ipam.config[${i}]`, c, ipamConfigKeys);
    if (n.enable_ipv4 === false)
      out.push({
        service: undefined,
        path: `${path}.enable_ipv4`,
        reason: 'every network has IPv4',
      });
  }
  for (const [key, v] of Object.entries(project.volumes ?? {}))
    check(out, undefined, `volumes.${key}`, v, volumeTopKeys);
  for (const kind of ['secrets', 'configs'] as const)
    for (const [key, o] of Object.entries(project[kind] ?? {}))
      check(out, undefined, `${kind}.${key}`, o, fileObjectKeys);
  if (Object.keys(project.models ?? {}).length > 0)
    out.push({ service: undefined, path: 'models', reason: 'AI models are not supported' });
  return out;
}

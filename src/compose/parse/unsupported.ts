/**
 * Keys tsorch parses but cannot honour where a project is deployed. They are never dropped
 * silently (Swarm's `stack deploy` ignores about 25 keys without a word): the model lists them
 * so `up` and `stack deploy` can report each one.
 *
 * @module
 */
import type { ComposeProject, UnsupportedKey } from './types.js';

/** Service keys tsorch does not apply, and why. */
const unsupportedServiceKeys: Record<string, string> = {
  blkio_config: 'block I/O weights and throttles are not applied by the tsorch agent',
  cgroup: 'cgroup namespace mode is chosen by tsorch',
  cgroup_parent: 'tsorch places every task under its own cgroup parent',
  container_name: 'task names are chosen by tsorch (services may have several replicas)',
  cpu_count: 'Windows-only setting',
  cpu_percent: 'Windows-only setting',
  cpu_rt_period: 'real-time CPU scheduling is not supported',
  cpu_rt_runtime: 'real-time CPU scheduling is not supported',
  credential_spec: 'Windows-only setting',
  develop: 'compose watch is not supported',
  device_cgroup_rules: 'device cgroup rules are not applied',
  devices: 'host devices are not passed to tasks',
  external_links: 'links to containers outside the project are not supported',
  gpus: 'GPU devices are not supported',
  isolation: 'Windows-only setting',
  links: 'legacy links are not supported: services reach each other by name',
  mac_address: 'MAC addresses are assigned by tsorch networking',
  models: 'AI models are not supported',
  oom_kill_disable: 'disabling the OOM killer is not supported',
  post_start: 'lifecycle hooks are not supported',
  pre_start: 'lifecycle hooks are not supported',
  pre_stop: 'lifecycle hooks are not supported',
  provider: 'provider services are not supported',
  runtime: 'the OCI runtime is chosen per node (runc or crun)',
  storage_opt: 'storage driver options are not supported',
  use_api_socket: 'there is no Docker API socket to share',
  userns_mode: 'user namespace remapping is not supported',
  volume_driver: 'only the local volume driver is supported',
  volumes_from: 'sharing volumes from another container is not supported',
};

/** Lists every key of `project` that tsorch cannot honour. */
export function findUnsupported(project: ComposeProject): UnsupportedKey[] {
  const out: UnsupportedKey[] = [];
  for (const [name, svc] of Object.entries(project.services)) {
    for (const key of Object.keys(svc)) {
      const reason = unsupportedServiceKeys[key];
      if (reason !== undefined)
        out.push({ service: name, path: `services.${name}.${key}`, reason });
    }
    const net = svc.network_mode;
    if (typeof net === 'string' && net !== 'none' && !net.startsWith('service:')) {
      out.push({
        service: name,
        path: `services.${name}.network_mode`,
        reason: `network mode "${net}" is not supported; use networks`,
      });
    }
    for (const v of svc.volumes ?? []) {
      if (v.type === 'npipe' || v.type === 'cluster' || v.type === 'image') {
        out.push({
          service: name,
          path: `services.${name}.volumes`,
          reason: `volume type "${v.type}" is not supported`,
        });
      }
    }
  }
  for (const [name, v] of Object.entries(project.volumes ?? {})) {
    if (v.driver !== undefined && v.driver !== 'local') {
      out.push({
        service: undefined,
        path: `volumes.${name}.driver`,
        reason: `volume driver "${v.driver}" is not supported; only "local"`,
      });
    }
  }
  for (const [name, n] of Object.entries(project.networks ?? {})) {
    if (n.driver !== undefined && !['bridge', 'overlay'].includes(n.driver)) {
      out.push({
        service: undefined,
        path: `networks.${name}.driver`,
        reason: `network driver "${n.driver}" is not supported; use bridge or overlay`,
      });
    }
  }
  return out;
}

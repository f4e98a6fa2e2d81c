/**
 * The normalized compose model: the shapes Docker Compose prints with `docker compose config`
 * (compose-go's types), keys in its order. Values that compose-go prints as strings (published
 * ports, byte sizes, durations, file modes) are strings here too.
 *
 * @module
 */
import type { PortConfig } from './ports.js';

export type { PortConfig };

/** A service dependency (`depends_on` long syntax). */
export interface ServiceDependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart?: boolean;
  required: boolean;
}

/** A service volume mount (long syntax). */
export interface ServiceVolume {
  type: 'bind' | 'volume' | 'tmpfs' | 'cluster' | 'npipe' | 'image';
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { selinux?: string; propagation?: string; create_host_path?: boolean; recursive?: string };
  volume?: { labels?: Record<string, string>; nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: string; mode?: number };
  image?: { subpath?: string };
}

/** A secret or config granted to a service. */
export interface FileReference {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: string;
}

/** Resource limits or reservations. */
export interface Resource {
  cpus?: number;
  memory?: string;
  pids?: number;
  devices?: Record<string, unknown>[];
  generic_resources?: Record<string, unknown>[];
}

/** Rolling update or rollback settings. */
export interface UpdateConfig {
  parallelism?: number;
  delay?: string;
  failure_action?: string;
  monitor?: string;
  max_failure_ratio?: number;
  order?: string;
}

/** The `deploy` section. */
export interface DeployConfig {
  mode?: string;
  replicas?: number;
  labels?: Record<string, string>;
  update_config?: UpdateConfig;
  rollback_config?: UpdateConfig;
  resources?: { limits?: Resource; reservations?: Resource };
  restart_policy?: { condition?: string; delay?: string; max_attempts?: number; window?: string };
  placement?: {
    constraints?: string[];
    preferences?: { spread: string }[];
    max_replicas_per_node?: number;
  };
  endpoint_mode?: string;
}

/** A healthcheck. */
export interface HealthCheck {
  test?: string[];
  timeout?: string;
  interval?: string;
  retries?: number;
  start_period?: string;
  start_interval?: string;
  disable?: boolean;
}

/** A service's attachment to a network; null when attached with defaults. */
export type ServiceNetwork = {
  aliases?: string[];
  driver_opts?: Record<string, string>;
  gw_priority?: number;
  interface_name?: string;
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
  mac_address?: string;
  priority?: number;
} | null;

/** A build section. */
export interface BuildConfig {
  context?: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  args?: Record<string, string | null>;
  labels?: Record<string, string>;
  target?: string;
  [key: string]: unknown;
}

/** One service, normalized. Keys not listed stay as compose-go prints them. */
export interface ServiceConfig {
  build?: BuildConfig;
  command?: string[] | null;
  depends_on?: Record<string, ServiceDependency>;
  deploy?: DeployConfig;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  healthcheck?: HealthCheck;
  image?: string;
  labels?: Record<string, string>;
  networks?: Record<string, ServiceNetwork>;
  network_mode?: string;
  ports?: PortConfig[];
  profiles?: string[];
  secrets?: FileReference[];
  configs?: FileReference[];
  volumes?: ServiceVolume[];
  [key: string]: unknown;
}

/** A top-level network. */
export interface NetworkConfig {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: { driver?: string; config?: Record<string, unknown>[]; options?: Record<string, string> };
  external?: boolean;
  internal?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
  enable_ipv4?: boolean;
  enable_ipv6?: boolean;
  [key: string]: unknown;
}

/** A top-level volume. */
export interface VolumeConfig {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

/** A top-level secret or config. */
export interface FileObjectConfig {
  name?: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  labels?: Record<string, string>;
  driver?: string;
  driver_opts?: Record<string, string>;
  template_driver?: string;
  [key: string]: unknown;
}

/** The normalized project, as `tsorch config` prints it. */
export interface ComposeProject {
  name: string;
  services: Record<string, ServiceConfig>;
  networks?: Record<string, NetworkConfig>;
  volumes?: Record<string, VolumeConfig>;
  secrets?: Record<string, FileObjectConfig>;
  configs?: Record<string, FileObjectConfig>;
  models?: Record<string, unknown>;
  [key: `x-${string}`]: unknown;
}

/** A key tsorch reads but cannot honour where the project is deployed. */
export interface UnsupportedKey {
  /** Service name, or undefined for a top-level resource. */
  service: string | undefined;
  /** Key path such as `services.web.devices`. */
  path: string;
  reason: string;
  /** A warning is printed and the deploy goes on; an error (the default) stops it. */
  severity?: 'warning';
}

/**
 * The compose specification as a JSON schema, written for tsorch (draft-07, validated with
 * ajv). It checks the shape of a merged, interpolated compose model before normalization:
 * unknown keys are errors, `x-` extensions are allowed everywhere an object is.
 *
 * Syntax inside strings (ports, durations, byte sizes, volumes) is checked by the normalizer,
 * which gives precise messages.
 *
 * @module
 */

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
// Booleans and numbers may also be strings: interpolation yields strings, and the normalizer
// converts them (compose-spec does the same).
const bool: Schema = { type: ['boolean', 'string'] };
const int: Schema = { type: ['integer', 'string'] };
const num: Schema = { type: ['number', 'string'] };
const strOrNum: Schema = { type: ['string', 'number'] };
const intOrStr: Schema = { type: ['integer', 'string'] };
const bytes: Schema = { type: ['string', 'integer'] };
const duration: Schema = { type: ['string', 'number'] };
const strList: Schema = { type: 'array', items: str };
const uniqueStrList: Schema = { type: 'array', items: str, uniqueItems: true };
const strOrList: Schema = { oneOf: [str, strList] };
const scalarValue: Schema = { type: ['string', 'number', 'boolean', 'null'] };
const listOrDict: Schema = {
  oneOf: [
    { type: 'object', patternProperties: { '.+': scalarValue }, additionalProperties: false },
    uniqueStrList,
  ],
};
const stringMap: Schema = {
  type: 'object',
  patternProperties: { '.+': { type: ['string', 'number', 'boolean'] } },
  additionalProperties: false,
};
const extensions = { '^x-': {} };

/** An object schema: listed keys only, plus `x-` extensions. */
function obj(properties: Record<string, Schema>, required: string[] = []): Schema {
  const out: Schema = {
    type: 'object',
    properties,
    patternProperties: extensions,
    additionalProperties: false,
  };
  if (required.length > 0) out['required'] = required;
  return out;
}

const command: Schema = { oneOf: [{ type: 'null' }, str, strList] };
const extraHosts: Schema = {
  oneOf: [
    {
      type: 'object',
      patternProperties: { '.+': { oneOf: [str, strList] } },
      additionalProperties: false,
    },
    uniqueStrList,
  ],
};
const ulimits: Schema = {
  type: 'object',
  patternProperties: {
    '^[a-z]+$': { oneOf: [intOrStr, obj({ soft: intOrStr, hard: intOrStr }, ['soft', 'hard'])] },
  },
  additionalProperties: false,
};
const fileRef: Schema = {
  type: 'array',
  items: {
    oneOf: [str, obj({ source: str, target: str, uid: str, gid: str, mode: strOrNum }, ['source'])],
  },
};
const device: Schema = obj({
  capabilities: strList,
  count: intOrStr,
  device_ids: strList,
  driver: str,
  options: listOrDict,
});
const resource: Schema = obj({
  cpus: strOrNum,
  memory: bytes,
  pids: intOrStr,
  devices: { type: 'array', items: device },
  generic_resources: {
    type: 'array',
    items: obj({ discrete_resource_spec: obj({ kind: str, value: intOrStr }) }),
  },
});
const updateConfig: Schema = obj({
  parallelism: intOrStr,
  delay: duration,
  failure_action: { type: 'string', enum: ['continue', 'rollback', 'pause'] },
  monitor: duration,
  max_failure_ratio: strOrNum,
  order: { type: 'string', enum: ['start-first', 'stop-first'] },
});
const deploy: Schema = obj({
  mode: { type: 'string', enum: ['global', 'replicated', 'replicated-job', 'global-job'] },
  replicas: intOrStr,
  labels: listOrDict,
  endpoint_mode: { type: 'string', enum: ['vip', 'dnsrr'] },
  update_config: updateConfig,
  rollback_config: updateConfig,
  resources: obj({ limits: resource, reservations: resource }),
  restart_policy: obj({
    condition: { type: 'string', enum: ['none', 'on-failure', 'any'] },
    delay: duration,
    max_attempts: intOrStr,
    window: duration,
  }),
  placement: obj({
    constraints: strList,
    preferences: { type: 'array', items: obj({ spread: str }) },
    max_replicas_per_node: intOrStr,
  }),
});
const healthcheck: Schema = obj({
  disable: bool,
  interval: duration,
  retries: intOrStr,
  test: { oneOf: [str, strList] },
  timeout: duration,
  start_period: duration,
  start_interval: duration,
});
const build: Schema = {
  oneOf: [
    str,
    obj({
      context: str,
      dockerfile: str,
      dockerfile_inline: str,
      entitlements: strList,
      args: listOrDict,
      ssh: listOrDict,
      labels: listOrDict,
      cache_from: strList,
      cache_to: strList,
      no_cache: bool,
      no_cache_filter: strOrList,
      additional_contexts: listOrDict,
      network: str,
      provenance: { type: ['string', 'boolean'] },
      sbom: { type: ['string', 'boolean'] },
      pull: bool,
      target: str,
      shm_size: bytes,
      extra_hosts: extraHosts,
      isolation: str,
      privileged: bool,
      secrets: fileRef,
      tags: strList,
      ulimits,
      platforms: strList,
    }),
  ],
};
const serviceVolume: Schema = {
  oneOf: [
    str,
    obj(
      {
        type: { type: 'string', enum: ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'] },
        source: str,
        target: str,
        read_only: bool,
        consistency: str,
        bind: obj({
          propagation: str,
          create_host_path: bool,
          recursive: { type: 'string', enum: ['enabled', 'disabled', 'writable', 'readonly'] },
          selinux: { type: 'string', enum: ['z', 'Z'] },
        }),
        volume: obj({ labels: listOrDict, nocopy: bool, subpath: str }),
        tmpfs: obj({ size: bytes, mode: strOrNum }),
        image: obj({ subpath: str }),
      },
      ['type'],
    ),
  ],
};
const port: Schema = {
  oneOf: [
    { type: ['number', 'string'] },
    obj({
      name: str,
      mode: { type: 'string', enum: ['host', 'ingress'] },
      host_ip: str,
      target: intOrStr,
      published: { type: ['string', 'integer'] },
      protocol: str,
      app_protocol: str,
    }),
  ],
};
const dependsOn: Schema = {
  oneOf: [
    uniqueStrList,
    {
      type: 'object',
      additionalProperties: false,
      patternProperties: {
        '^[a-zA-Z0-9._-]+$': obj(
          {
            condition: {
              type: 'string',
              enum: ['service_started', 'service_healthy', 'service_completed_successfully'],
            },
            restart: bool,
            required: bool,
          },
          ['condition'],
        ),
      },
    },
  ],
};
const serviceNetworks: Schema = {
  oneOf: [
    uniqueStrList,
    {
      type: 'object',
      additionalProperties: false,
      patternProperties: {
        '^[a-zA-Z0-9._-]+$': {
          oneOf: [
            { type: 'null' },
            obj({
              aliases: strList,
              interface_name: str,
              ipv4_address: str,
              ipv6_address: str,
              link_local_ips: strList,
              mac_address: str,
              driver_opts: stringMap,
              priority: num,
              gw_priority: num,
            }),
          ],
        },
      },
    },
  ],
};
const hook: Schema = obj(
  { command, user: str, privileged: bool, working_dir: str, environment: listOrDict, image: str },
  ['command'],
);
const throttle: Schema = { type: 'array', items: obj({ path: str, rate: bytes }) };

/** Every service key of the compose specification. */
const service: Schema = obj({
  annotations: listOrDict,
  attach: bool,
  build,
  blkio_config: obj({
    device_read_bps: throttle,
    device_read_iops: throttle,
    device_write_bps: throttle,
    device_write_iops: throttle,
    weight: int,
    weight_device: { type: 'array', items: obj({ path: str, weight: int }) },
  }),
  cap_add: uniqueStrList,
  cap_drop: uniqueStrList,
  cgroup: { type: 'string', enum: ['host', 'private'] },
  cgroup_parent: str,
  command,
  configs: fileRef,
  container_name: str,
  cpu_count: intOrStr,
  cpu_percent: intOrStr,
  cpu_shares: strOrNum,
  cpu_quota: strOrNum,
  cpu_period: strOrNum,
  cpu_rt_period: strOrNum,
  cpu_rt_runtime: strOrNum,
  cpus: strOrNum,
  cpuset: str,
  credential_spec: obj({ config: str, file: str, registry: str }),
  depends_on: dependsOn,
  deploy,
  develop: { type: 'object' },
  device_cgroup_rules: strList,
  devices: {
    type: 'array',
    items: { oneOf: [str, obj({ source: str, target: str, permissions: str }, ['source'])] },
  },
  dns: strOrList,
  dns_opt: uniqueStrList,
  dns_search: strOrList,
  domainname: str,
  entrypoint: command,
  env_file: {
    oneOf: [
      str,
      {
        type: 'array',
        items: {
          oneOf: [
            str,
            obj({ path: str, format: str, required: { type: ['boolean', 'string'] } }, ['path']),
          ],
        },
      },
    ],
  },
  label_file: strOrList,
  environment: listOrDict,
  expose: { type: 'array', items: strOrNum },
  extends: { oneOf: [str, obj({ service: str, file: str }, ['service'])] },
  external_links: uniqueStrList,
  extra_hosts: extraHosts,
  gpus: {
    oneOf: [
      { type: 'string', enum: ['all'] },
      { type: 'array', items: device },
    ],
  },
  group_add: { type: 'array', items: strOrNum },
  healthcheck,
  hostname: str,
  image: str,
  init: bool,
  ipc: str,
  isolation: str,
  labels: listOrDict,
  links: uniqueStrList,
  logging: obj({
    driver: str,
    options: {
      type: 'object',
      patternProperties: { '^.+$': { type: ['string', 'number', 'null'] } },
    },
  }),
  mac_address: str,
  mem_limit: bytes,
  mem_reservation: bytes,
  mem_swappiness: intOrStr,
  memswap_limit: bytes,
  models: { oneOf: [uniqueStrList, { type: 'object' }] },
  network_mode: str,
  networks: serviceNetworks,
  oom_kill_disable: bool,
  oom_score_adj: { type: ['integer', 'string'] },
  pid: { type: ['string', 'null'] },
  pids_limit: intOrStr,
  platform: str,
  ports: { type: 'array', items: port },
  post_start: { type: 'array', items: hook },
  pre_start: { type: 'array', items: hook },
  pre_stop: { type: 'array', items: hook },
  privileged: bool,
  profiles: uniqueStrList,
  provider: obj({ type: str, options: { type: 'object' } }, ['type']),
  pull_policy: {
    type: 'string',
    pattern:
      '^(always|never|build|if_not_present|missing|refresh|daily|weekly|every_[0-9]+[wdhms])$',
  },
  pull_refresh_after: str,
  read_only: bool,
  restart: str,
  runtime: str,
  scale: intOrStr,
  security_opt: strList,
  shm_size: bytes,
  secrets: fileRef,
  sysctls: listOrDict,
  stdin_open: bool,
  stop_grace_period: duration,
  stop_signal: str,
  storage_opt: { type: 'object' },
  tmpfs: strOrList,
  tty: bool,
  ulimits,
  use_api_socket: bool,
  user: str,
  uts: str,
  userns_mode: str,
  volumes: { type: 'array', items: serviceVolume },
  volume_driver: str,
  volumes_from: uniqueStrList,
  working_dir: str,
});

const external: Schema = {
  oneOf: [bool, obj({ name: str })],
};
const network: Schema = {
  oneOf: [
    { type: 'null' },
    obj({
      name: str,
      driver: str,
      driver_opts: stringMap,
      ipam: obj({
        driver: str,
        config: {
          type: 'array',
          items: obj({
            subnet: str,
            ip_range: str,
            gateway: str,
            aux_addresses: {
              type: 'object',
              patternProperties: { '^.+$': str },
              additionalProperties: false,
            },
          }),
        },
        options: {
          type: 'object',
          patternProperties: { '^.+$': str },
          additionalProperties: false,
        },
      }),
      external,
      internal: bool,
      enable_ipv4: bool,
      enable_ipv6: bool,
      attachable: bool,
      labels: listOrDict,
    }),
  ],
};
const volume: Schema = {
  oneOf: [
    { type: 'null' },
    obj({ name: str, driver: str, driver_opts: stringMap, external, labels: listOrDict }),
  ],
};
const fileObject: Schema = obj({
  name: str,
  environment: str,
  content: str,
  file: str,
  external,
  labels: listOrDict,
  driver: str,
  driver_opts: stringMap,
  template_driver: str,
});
const named = (schema: Schema): Schema => ({
  type: 'object',
  patternProperties: { '^[a-zA-Z0-9._-]+$': schema },
  additionalProperties: false,
});

/** The compose file schema. */
export const composeSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tsorch.dev/schema/compose.json',
  ...obj({
    version: str,
    name: str,
    include: {
      type: 'array',
      items: {
        oneOf: [
          str,
          obj({ path: strOrList, env_file: strOrList, project_directory: str }, ['path']),
        ],
      },
    },
    services: named(service),
    models: { type: 'object' },
    networks: { type: 'object', patternProperties: { '^[a-zA-Z0-9._-]+$': network } },
    volumes: {
      type: 'object',
      patternProperties: { '^[a-zA-Z0-9._-]+$': volume },
      additionalProperties: false,
    },
    secrets: named(fileObject),
    configs: named(fileObject),
  }),
};

/** The service keys the specification defines, for "did you mean" hints. */
export const serviceKeys: readonly string[] = Object.keys(
  service['properties'] as Record<string, unknown>,
);

/**
 * The schema with every object sub-schema used more than once hoisted into `definitions` and
 * referenced with `$ref`, so the precompiled validator holds one function per shared shape
 * instead of a copy at every use (5x smaller, much faster to load).
 */
export function hoistedSchema(): Schema {
  const uses = new Map<object, number>();
  const count = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    const n = (uses.get(v) ?? 0) + 1;
    uses.set(v, n);
    if (n > 1) return;
    for (const x of Array.isArray(v) ? v : Object.values(v)) count(x);
  };
  count(composeSchema);
  const names = new Map<object, string>();
  const definitions: Record<string, unknown> = {};
  const rewrite = (v: unknown, top: boolean): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => rewrite(x, false));
    const shared = !top && (uses.get(v) ?? 0) > 1 && JSON.stringify(v).length > 80;
    if (shared) {
      let name = names.get(v);
      if (name === undefined) {
        name = `d${names.size}`;
        names.set(v, name);
        definitions[name] = rewriteObject(v as Record<string, unknown>);
      }
      return { $ref: `#/definitions/${name}` };
    }
    return rewriteObject(v as Record<string, unknown>);
  };
  const rewriteObject = (o: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = rewrite(x, false);
    return out;
  };
  const root = rewriteObject(composeSchema);
  return { ...root, definitions };
}

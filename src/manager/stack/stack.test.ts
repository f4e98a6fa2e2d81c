import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadComposeProject } from '../../../test/helpers/compose.js';
import type { ComposeProject } from '../../compose/index.js';
import { stackSpecs } from './stack.js';

const shopDir = resolve(import.meta.dirname, '../../../examples/shop');

/** Loads compose text, or examples/shop when none is given. */
function load(text: string | undefined): ComposeProject {
  return loadComposeProject(text === undefined ? { file: `${shopDir}/compose.yml` } : { text });
}

describe('stackSpecs()', () => {
  it('turns examples/shop into services, networks, volumes, secrets and configs', () => {
    const stack = stackSpecs(load(undefined), { target: 'stack' });
    expect(stack.issues).toEqual([]);
    expect(stack.services.map((s) => s.name)).toEqual([
      'shop_api',
      'shop_cache',
      'shop_db',
      'shop_web',
      'shop_worker',
    ]);
    const api = stack.services.find((s) => s.name === 'shop_api');
    expect(api?.mode).toEqual({ kind: 'replicated', replicas: 3 });
    expect(api?.labels).toMatchObject({
      'com.docker.stack.namespace': 'shop',
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'api',
    });
    expect(api?.task.resources).toEqual({
      limits: { nanoCpus: 500_000_000, memoryBytes: 256 * 1024 ** 2 },
      reservations: { nanoCpus: 0, memoryBytes: 128 * 1024 ** 2 },
    });
    expect(api?.task.restartPolicy).toEqual({
      condition: 'on-failure',
      delayMs: 5_000,
      maxAttempts: 3,
      windowMs: 120_000,
    });
    expect(api?.task.placement).toEqual({
      constraints: [],
      preferences: [{ spread: 'node.labels.zone' }],
      maxReplicasPerNode: 2,
      platforms: [],
    });
    expect(api?.task.networks).toEqual([
      // The compose name is an alias on every network, as docker stack deploy makes it.
      { target: 'shop_back', aliases: ['api'] },
      { target: 'shop_front', aliases: ['backend', 'api'] },
    ]);
    expect(api?.task.container).toMatchObject({
      image: 'shop/api:1.0.0',
      cmd: ['sh', '-c', "trap 'exit 0' TERM; httpd -f -p 3000 -h /srv & wait"],
      stopTimeoutS: 20,
      healthcheck: {
        test: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:3000/ >/dev/null || exit 1'],
        intervalMs: 15_000,
        timeoutMs: 3_000,
        retries: 5,
        startPeriodMs: 0,
        startIntervalMs: 0,
      },
      secrets: [
        {
          id: '',
          name: 'shop_db_password',
          target: '/run/secrets/db_password',
          uid: '0',
          gid: '0',
          mode: 0o444,
        },
      ],
    });
    expect(api?.task.container.env).toContain('REDIS_URL=redis://cache:6379/0');
    const web = stack.services.find((s) => s.name === 'shop_web');
    expect(web?.endpoint).toEqual({
      mode: 'vip',
      ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' }],
    });
    expect(web?.update).toEqual({
      parallelism: 1,
      delayMs: 10_000,
      failureAction: 'rollback',
      monitorMs: 5_000,
      maxFailureRatio: 0,
      order: 'start-first',
    });
    expect(web?.task.container.configs?.[0]).toMatchObject({
      name: 'shop_nginx_conf',
      target: '/etc/nginx/conf.d/default.conf',
    });
    const cache = stack.services.find((s) => s.name === 'shop_cache');
    expect(cache?.task.container.mounts).toEqual([
      { type: 'volume', name: 'shop_cache-data', target: '/data', readonly: false },
    ]);
    expect(cache?.task.container.sysctls).toEqual({ 'net.core.somaxconn': '1024' });
    const db = stack.services.find((s) => s.name === 'shop_db');
    expect(db?.task.container.shmSizeBytes).toBe(128 * 1024 ** 2);
    expect(stack.networks.map((n) => [n.spec.name, n.spec.driver, n.spec.internal])).toEqual([
      ['shop_back', 'overlay', true],
      ['shop_front', 'overlay', false],
    ]);
    expect(stack.volumes.map((v) => v.spec.name)).toEqual(['shop_cache-data', 'shop_db-data']);
    expect(stack.secrets).toEqual([
      {
        name: 'shop_db_password',
        labels: {
          'com.docker.stack.namespace': 'shop',
          'com.docker.compose.project': 'shop',
          'com.docker.compose.secret': 'db_password',
        },
        source: { kind: 'file', path: `${shopDir}/secrets/db_password.txt` },
        external: false,
      },
    ]);
  });

  it.each([
    ['compose', undefined, 'none', 0],
    ['stack', undefined, 'any', 0],
    ['compose', 'no', 'none', 0],
    ['compose', 'always', 'any', 0],
    ['stack', 'unless-stopped', 'any', 0],
    ['stack', 'on-failure:3', 'on-failure', 3],
    ['compose', 'on-failure', 'on-failure', 0],
  ] as const)(
    'target %s with restart %s gives condition %s, max attempts %d',
    (target, restart, condition, maxAttempts) => {
      const yaml = `services:\n  a:\n    image: x\n${restart === undefined ? '' : `    restart: ${restart}\n`}`;
      const [svc] = stackSpecs(load(yaml), { target }).services;
      expect(svc?.task.restartPolicy).toEqual({
        condition,
        delayMs: 5_000,
        maxAttempts,
        windowMs: 0,
      });
    },
  );

  it('adds the default network, names built images after the project, maps entrypoint, command, environment and tmpfs', () => {
    const yaml = `name: demo
services:
  a:
    build: .
    entrypoint: /bin/init
    command: run --fast
    environment:
      SET: 'yes'
      UNSET:
    tmpfs: ['/cache:size=1m', /scratch]
    volumes:
      - type: tmpfs
        target: /t
        tmpfs: { size: 2k }
      - type: volume
        target: /anon
    expose: ['80']
`;
    const stack = stackSpecs(load(yaml), { target: 'compose' });
    expect(stack.issues).toEqual([]);
    const c = stack.services[0]?.task.container;
    expect(c).toMatchObject({
      image: 'demo-a',
      entrypoint: ['/bin/init'],
      cmd: ['run', '--fast'],
      env: ['SET=yes'],
      labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'a' },
    });
    expect(c?.mounts).toEqual([
      { type: 'tmpfs', target: '/t', sizeBytes: 2048 },
      { type: 'volume', name: undefined, target: '/anon', readonly: false },
      { type: 'tmpfs', target: '/cache', sizeBytes: 1024 ** 2 },
      { type: 'tmpfs', target: '/scratch' },
    ]);
    expect(stack.services[0]?.task.networks).toEqual([{ target: 'demo_default', aliases: ['a'] }]);
    expect(stack.networks).toEqual([
      {
        external: false,
        spec: expect.objectContaining({ name: 'demo_default', driver: 'overlay' }) as unknown,
      },
    ]);
  });

  it('makes every network an overlay for up, and keeps an explicit bridge for stack deploy', () => {
    const yaml = `name: demo
services:
  a:
    image: x
    networks: [front]
networks:
  front:
    driver: bridge
`;
    const driverOf = (target: 'compose' | 'stack'): unknown =>
      stackSpecs(load(yaml), { target }).networks.map((n) => n.spec.driver);
    expect(driverOf('compose')).toEqual(['overlay']);
    expect(driverOf('stack')).toEqual(['bridge']);
  });

  it('maps job and global modes', () => {
    const yaml = `services:
  job: { image: x, deploy: { mode: replicated-job, replicas: 3 } }
  mon: { image: x, deploy: { mode: global } }
  once: { image: x, deploy: { mode: global-job } }
  scaled: { image: x, scale: 4 }
`;
    const modes = stackSpecs(load(yaml), { target: 'stack' }).services.map((s) => s.mode);
    expect(modes).toEqual([
      { kind: 'replicated-job', maxConcurrent: 3, totalCompletions: 3 },
      { kind: 'global' },
      { kind: 'global-job' },
      { kind: 'replicated', replicas: 4 },
    ]);
  });

  it('reports every key it cannot honour, each once, with its path', () => {
    const yaml = `services:
  web:
    image: x
    privileged: true
    tty: true
    userns_mode: host
    devices: ['/dev/fuse']
    network_mode: host
    ports: ['127.0.0.1:8080:80']
    deploy:
      resources:
        reservations:
          generic_resources: [{ discrete_resource_spec: { kind: gpu, value: 1 } }]
  mon:
    image: x
    networks:
      front: { ipv4_address: 10.1.0.5 }
    deploy: { mode: global, replicas: 2 }
networks:
  front:
    ipam: { config: [{ subnet: 10.1.0.0/24 }] }
`;
    const stack = stackSpecs(load(yaml), { target: 'stack' });
    expect(stack.issues.map((i) => i.path).sort()).toEqual([
      'services.mon.deploy.replicas',
      'services.mon.networks.front.ipv4_address',
      'services.web.deploy.resources.reservations.generic_resources',
      'services.web.devices',
      'services.web.network_mode',
      'services.web.tty',
      'services.web.userns_mode',
    ]);
    expect(stack.issues.find((i) => i.path === 'services.web.tty')?.reason).toBe(
      '"tty" is not supported by tsorch services',
    );
    expect(stack.services.find((s) => s.name.endsWith('_web'))?.task.container.privileged).toBe(
      true,
    );
    const web = stack.services.find((s) => s.name.endsWith('_web'));
    expect(web?.endpoint.ports).toEqual([
      {
        protocol: 'tcp',
        targetPort: 80,
        publishedPort: 8080,
        publishMode: 'ingress',
        hostIp: '127.0.0.1',
      },
    ]);
    expect(stack.networks[0]?.spec.ipam).toEqual([{ subnet: '10.1.0.0/24' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ContainerRecord } from '../../agent/index.js';
import type { ContainerSpec__Output } from '../gen/tsorch/v1/ContainerSpec.js';
import { TsorchError } from '../../util/errors.js';
import { humanStatus, specFromProto } from './convert.js';

function base(over: Partial<ContainerSpec__Output> = {}): ContainerSpec__Output {
  return {
    image: 'busybox',
    name: '',
    cmd: [],
    entrypoint: [],
    hasEntrypoint: false,
    env: [],
    workingDir: '',
    user: '',
    hostname: '',
    mounts: [],
    publish: [],
    networkMode: '',
    resources: null,
    readOnly: false,
    capAdd: [],
    capDrop: [],
    privileged: false,
    init: false,
    ulimits: [],
    sysctls: {},
    labels: {},
    restartPolicy: '',
    autoRemove: false,
    healthcheck: null,
    healthOnFailure: '',
    stopSignal: '',
    stopTimeoutS: -1,
    networks: [],
    logOpts: {},
    tty: false,
    openStdin: false,
    ...over,
  };
}

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TsorchError);
    return (err as TsorchError).details?.['field'];
  }
  throw new Error('expected an error');
}

describe('specFromProto()', () => {
  it('takes the first of the networks as the network mode, with its settings', () => {
    const s = specFromProto(
      base({
        networkMode: 'front',
        networks: [
          { network: 'front', aliases: ['www'], ipv4Address: '10.1.0.5', macAddress: '' },
          { network: 'back', aliases: [], ipv4Address: '', macAddress: '02:42:0a:01:00:05' },
        ],
      }),
    );
    expect(s.networkMode).toBe('front');
    expect(s.networks).toEqual([
      { network: 'front', aliases: ['www'], ipv4Address: '10.1.0.5' },
      { network: 'back', macAddress: '02:42:0a:01:00:05' },
    ]);
  });

  it('applies defaults and converts int64 strings', () => {
    const s = specFromProto(
      base({
        resources: {
          memoryBytes: '67108864',
          memoryReservationBytes: '0',
          memorySwapBytes: '-1',
          cpuQuotaUs: '50000',
          cpuPeriodUs: '100000',
          cpuShares: '0',
          cpusetCpus: '',
          cpusetMems: '',
          pidsLimit: '50',
          blkioWeight: '0',
        },
        mounts: [
          { type: 'volume', source: '', target: '/data', readonly: false, tmpfsSizeBytes: '0' },
        ],
        hasEntrypoint: true,
      }),
    );
    expect(s).toMatchObject({
      networkMode: 'bridge',
      restartPolicy: { name: 'no', maxRetries: 0 },
      healthOnFailure: 'none',
      resources: {
        memoryBytes: 67108864,
        memorySwapBytes: -1,
        cpuQuotaUs: 50000,
        cpuPeriodUs: 100000,
        pidsLimit: 50,
      },
      mounts: [{ type: 'volume', name: undefined, target: '/data', readonly: false }],
      entrypoint: [],
    });
    expect(s.stopTimeoutS).toBeUndefined();
    expect(s.logOpts).toBeUndefined();
  });

  it('keeps valid log options as given', () => {
    const opts = { 'max-size': '1k', 'max-file': '2' };
    expect(specFromProto(base({ logOpts: opts })).logOpts).toEqual(opts);
  });

  it.each([
    ['missing image', base({ image: '' }), 'spec.image'],
    ['bad network', base({ networkMode: 'a b' }), 'spec.network_mode'],
    [
      'a network without a name',
      base({ networks: [{ network: '', aliases: [], ipv4Address: '', macAddress: '' }] }),
      'spec.networks[0].network',
    ],
    ['bad health action', base({ healthOnFailure: 'explode' }), 'spec.health_on_failure'],
    ['bad restart policy', base({ restartPolicy: 'sometimes' }), 'restart'],
    ['unknown log option', base({ logOpts: { compress: 'true' } }), 'log_opts.compress'],
    ['bad log max-size', base({ logOpts: { 'max-size': '10x' } }), 'log_opts.max-size'],
    [
      '--rm with a restart policy',
      base({ autoRemove: true, restartPolicy: 'always' }),
      'spec.restart_policy',
    ],
    [
      'relative mount target',
      base({
        mounts: [
          { type: 'bind', source: '/x', target: 'rel', readonly: false, tmpfsSizeBytes: '0' },
        ],
      }),
      'spec.mounts[0]',
    ],
    [
      'relative bind source',
      base({
        mounts: [{ type: 'bind', source: 'x', target: '/x', readonly: false, tmpfsSizeBytes: '0' }],
      }),
      'spec.mounts[0]',
    ],
    [
      'unknown mount type',
      base({
        mounts: [{ type: 'nfs', source: '', target: '/x', readonly: false, tmpfsSizeBytes: '0' }],
      }),
      'spec.mounts[0]',
    ],
  ])('rejects %s naming the field', (_what, spec, field) => {
    expect(fieldOf(() => specFromProto(spec))).toBe(field);
  });
});

describe('specFromProto() resources', () => {
  const resources = {
    memoryBytes: '0',
    memoryReservationBytes: '0',
    memorySwapBytes: '0',
    cpuQuotaUs: '0',
    cpuPeriodUs: '0',
    cpuShares: '0',
    cpusetCpus: '',
    cpusetMems: '',
    pidsLimit: '0',
    blkioWeight: '0',
  };

  it('refuses negative values instead of dropping them, naming the field', () => {
    const f = fieldOf(() => specFromProto(base({ resources: { ...resources, cpuShares: '-5' } })));
    expect(f).toBe('spec.resources.cpuShares');
  });

  it('keeps -1 as unlimited for swap and pids', () => {
    const s = specFromProto(
      base({ resources: { ...resources, memorySwapBytes: '-1', pidsLimit: '-1' } }),
    );
    expect(s.resources).toEqual({ memorySwapBytes: -1 });
  });
});

describe('humanStatus()', () => {
  const rec = (state: Partial<ContainerRecord['state']>): ContainerRecord =>
    ({
      state: {
        status: 'running',
        startedAt: '2024-01-01T00:00:00Z',
        finishedAt: '',
        exitCode: 0,
        ...state,
      },
    }) as ContainerRecord;
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  it('reads like docker', () => {
    expect(humanStatus(rec({}), t0 + 180_000)).toBe('Up 3 minutes');
    expect(
      humanStatus(rec({ health: { status: 'healthy', failingStreak: 0, log: [] } }), t0 + 5000),
    ).toBe('Up 5 seconds (healthy)');
    expect(humanStatus(rec({ status: 'paused' }), t0 + 5000)).toBe('Up 5 seconds (Paused)');
    expect(
      humanStatus(
        rec({ status: 'exited', exitCode: 3, finishedAt: '2024-01-01T00:00:00Z' }),
        t0 + 2000,
      ),
    ).toBe('Exited (3) 2 seconds ago');
    expect(humanStatus(rec({ status: 'created' }), t0)).toBe('Created');
  });
});

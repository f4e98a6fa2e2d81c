import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { runSpec } from './run-spec.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return hasCode(err, 'CLI_USAGE')
      ? 'CLI_USAGE'
      : hasCode(err, 'INVALID_ARGUMENT')
        ? 'INVALID_ARGUMENT'
        : String(err);
  }
}

describe('runSpec()', () => {
  it('maps -t to tty and -i to open_stdin', () => {
    expect(runSpec('busybox', [], { tty: true, interactive: true })).toMatchObject({
      tty: true,
      openStdin: true,
    });
    expect(runSpec('busybox', [], {})).toMatchObject({ tty: false, openStdin: false });
  });

  it('passes --log-opt as a map and refuses bad ones before sending', () => {
    expect(runSpec('busybox', [], { logOpt: ['max-size=1k', 'max-file=2'] }).logOpts).toEqual({
      'max-size': '1k',
      'max-file': '2',
    });
    expect(() => runSpec('busybox', [], { logOpt: ['max-file=0'] })).toThrow(
      /--log-opt max-file="0"/,
    );
    expect(code(() => runSpec('busybox', [], { logOpt: ['nope'] }))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a negative --cpu-shares and a non-number --cpus as usage errors', () => {
    expect(() => runSpec('busybox', [], { cpuShares: '-5' })).toThrow(/--cpu-shares: "-5"/);
    expect(() => runSpec('busybox', [], { cpus: 'abc' })).toThrow(
      'Invalid value "abc" for --cpus: must be a number above 0',
    );
  });

  it('maps docker run flags', () => {
    const s = runSpec('busybox', ['sh', '-c', 'true'], {
      memory: '64m',
      cpus: '0.5',
      pidsLimit: '50',
      volume: ['data:/data:ro', '/srv:/srv'],
      tmpfs: ['/run:size=1m'],
      ulimit: ['nofile=1024:2048'],
      entrypoint: '',
      rm: true,
      healthCmd: 'true',
      healthInterval: '2s',
      healthRetries: '5',
      label: ['a=b'],
    });
    expect(s).toMatchObject({
      image: 'busybox',
      cmd: ['sh', '-c', 'true'],
      entrypoint: [],
      hasEntrypoint: true,
      autoRemove: true,
      resources: {
        memoryBytes: String(64 * 1024 * 1024),
        cpuQuotaUs: '50000',
        cpuPeriodUs: '100000',
        pidsLimit: '50',
      },
      mounts: [
        { type: 'volume', source: 'data', target: '/data', readonly: true },
        { type: 'bind', source: '/srv', target: '/srv', readonly: false },
        { type: 'tmpfs', target: '/run', tmpfsSizeBytes: String(1024 * 1024) },
      ],
      ulimits: [{ name: 'nofile', soft: '1024', hard: '2048' }],
      healthcheck: { test: ['CMD-SHELL', 'true'], intervalMs: '2000', retries: 5 },
      labels: { a: 'b' },
      networkMode: '',
      networks: [],
      stopTimeoutS: -1,
    });
  });
  it('maps --network, --network-alias, --ip and --mac-address, settings on the first network', () => {
    const s = runSpec('busybox', [], {
      network: ['front', 'back'],
      networkAlias: ['www'],
      ip: '10.1.0.5',
      macAddress: '02:42:0a:01:00:05',
    });
    expect(s).toMatchObject({
      networkMode: 'front',
      networks: [
        {
          network: 'front',
          aliases: ['www'],
          ipv4Address: '10.1.0.5',
          macAddress: '02:42:0a:01:00:05',
        },
        { network: 'back', aliases: [], ipv4Address: '', macAddress: '' },
      ],
    });
    expect(runSpec('busybox', [], { network: ['host'] })).toMatchObject({
      networkMode: 'host',
      networks: [],
    });
    expect(runSpec('busybox', [], { ip: '172.30.0.9' }).networks).toMatchObject([
      { network: 'bridge', ipv4Address: '172.30.0.9' },
    ]);
  });
  it('disables the image health check with --no-healthcheck', () => {
    expect(runSpec('b', [], { noHealthcheck: true }).healthcheck).toEqual({ test: ['NONE'] });
  });
  it.each([
    ['a bad integer', { pidsLimit: 'many' }, 'CLI_USAGE'],
    ['a bad ulimit', { ulimit: ['nofile'] }, 'CLI_USAGE'],
    ['a bad label', { label: ['novalue'] }, 'CLI_USAGE'],
    ['host beside another network', { network: ['host', 'front'] }, 'CLI_USAGE'],
    ['--ip on the none network', { network: ['none'], ip: '10.0.0.2' }, 'CLI_USAGE'],
    ['health flags without a command', { healthRetries: '3' }, 'CLI_USAGE'],
    ['a bad memory size', { memory: 'lots' }, 'INVALID_ARGUMENT'],
    ['a bad duration', { healthCmd: 'true', healthInterval: '10' }, 'INVALID_ARGUMENT'],
    ['a bad CPU count', { cpus: '-1' }, 'INVALID_ARGUMENT'],
    ['a bad volume', { volume: ['rel:rel'] }, 'INVALID_ARGUMENT'],
  ])('rejects %s', (_what, flags, want) => {
    expect(code(() => runSpec('busybox', [], flags))).toBe(want);
  });
});

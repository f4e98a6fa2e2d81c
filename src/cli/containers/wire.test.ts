import { join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decode, encode, messages, type MessageTable } from './wire.js';

const root = protobuf.loadSync(
  join(import.meta.dirname, '../../../proto/tsorch/v1/containers.proto'),
);

function fieldsOf(type: protobuf.Type): Record<string, [number, string]> {
  const out: Record<string, [number, string]> = {};
  for (const f of type.fieldsArray)
    out[f.name] = [f.id, f.map ? 'map' : `${f.repeated ? 'repeated ' : ''}${f.type}`];
  return out;
}

function tableShape(t: MessageTable): Record<string, [number, string]> {
  const kinds: Record<string, string> = {
    strings: 'repeated string',
    messages: 'repeated ',
    message: '',
  };
  const out: Record<string, [number, string]> = {};
  for (const [name, [no, kind]] of Object.entries(t)) out[name] = [no, kinds[kind] ?? kind];
  return out;
}

describe('wire codec', () => {
  it.each(Object.entries(messages))('%s matches containers.proto', (name, table) => {
    const type = root.lookupType(name);
    const want = fieldsOf(type);
    const got = tableShape(table);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [field, [no, kind]] of Object.entries(got)) {
      expect(no).toBe(want[field]?.[0]);
      if (kind !== 'repeated ' && kind !== '') expect(kind).toBe(want[field]?.[1]);
    }
  });

  it('encodes a full spec exactly as protobufjs decodes it', () => {
    const value = {
      spec: {
        image: 'busybox:test',
        cmd: ['sh', '-c', 'echo é'],
        hasEntrypoint: true,
        entrypoint: [],
        mounts: [
          { type: 'volume', source: 'data', target: '/data', readonly: true, tmpfsSizeBytes: '0' },
        ],
        resources: {
          memoryBytes: '67108864',
          cpuQuotaUs: '50000',
          memorySwapBytes: '-1',
          cpusetCpus: '0-1',
        },
        ulimits: [{ name: 'nofile', soft: '1024', hard: '2048' }],
        sysctls: { 'net.ipv4.ip_forward': '1' },
        labels: { a: 'b' },
        healthcheck: { test: ['CMD-SHELL', 'true'], intervalMs: '1000', retries: 3 },
        stopTimeoutS: -1,
        autoRemove: true,
        logOpts: { 'max-size': '1m', 'max-file': '2' },
      },
    };
    const bytes = encode(messages['tsorch.v1.CreateContainerRequest'], value);
    const type = root.lookupType('tsorch.v1.CreateContainerRequest');
    const back = type.toObject(type.decode(bytes), { longs: String, defaults: false }) as {
      spec: Record<string, unknown>;
    };
    expect(back.spec).toMatchObject({
      image: 'busybox:test',
      cmd: ['sh', '-c', 'echo é'],
      hasEntrypoint: true,
      mounts: [{ type: 'volume', source: 'data', target: '/data', readonly: true }],
      resources: {
        memoryBytes: '67108864',
        cpuQuotaUs: '50000',
        memorySwapBytes: '-1',
        cpusetCpus: '0-1',
      },
      ulimits: [{ name: 'nofile', soft: '1024', hard: '2048' }],
      sysctls: { 'net.ipv4.ip_forward': '1' },
      labels: { a: 'b' },
      healthcheck: { test: ['CMD-SHELL', 'true'], intervalMs: '1000', retries: 3 },
      stopTimeoutS: -1,
      autoRemove: true,
      logOpts: { 'max-size': '1m', 'max-file': '2' },
    });
  });

  it('decodes what protobufjs encodes (defaults filled, negative int32)', () => {
    const type = root.lookupType('tsorch.v1.WaitContainerResponse');
    const bytes = type.encode(type.fromObject({ exitCode: -2, oomKilled: true })).finish();
    expect(decode(messages['tsorch.v1.WaitContainerResponse'], bytes)).toEqual({
      exitCode: -2,
      oomKilled: true,
    });
    expect(decode(messages['tsorch.v1.CreateContainerResponse'], new Uint8Array())).toEqual({
      id: '',
      name: '',
      warnings: [],
    });
    const logs = root.lookupType('tsorch.v1.ContainerLogsResponse');
    const lb = logs
      .encode(logs.fromObject({ stream: 'stderr', time: 't', data: Buffer.from('x\n') }))
      .finish();
    expect(decode(messages['tsorch.v1.ContainerLogsResponse'], lb)).toEqual({
      stream: 'stderr',
      time: 't',
      data: Buffer.from('x\n'),
    });
  });

  it('decodes each member of the Run oneof, the others null', () => {
    const type = root.lookupType('tsorch.v1.RunContainerResponse');
    const table = messages['tsorch.v1.RunContainerResponse'];
    const output = type
      .encode(type.fromObject({ output: { stream: 'stdout', time: 't', data: Buffer.from('hi') } }))
      .finish();
    expect(decode(table, output)).toEqual({
      created: null,
      output: { stream: 'stdout', time: 't', data: Buffer.from('hi') },
      exited: null,
    });
    const exited = type.encode(type.fromObject({ exited: { exitCode: 3 } })).finish();
    expect(decode(table, exited)).toMatchObject({
      created: null,
      output: null,
      exited: { exitCode: 3, oomKilled: false },
    });
  });

  it('rejects truncated input', () => {
    expect(() =>
      decode(messages['tsorch.v1.CreateContainerResponse'], Uint8Array.from([0x0a, 0x05, 0x61])),
    ).toThrow(/Truncated/);
  });
});

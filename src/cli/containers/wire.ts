/**
 * A small protobuf (proto3) codec for the few Containers messages `tsorch run` exchanges, driven
 * by field tables that mirror proto/tsorch/v1/containers.proto. It lets `run` talk to the daemon
 * without loading @grpc/grpc-js and @grpc/proto-loader (about 300 ms of start-up on a busy
 * 2-core machine; docs/adr/010-fast-cli-run.md). Pure. wire.test.ts checks every table against
 * the real .proto through protobufjs, so a drift fails the tests.
 *
 * @module
 */

/** Field kinds: scalar, repeated string, message, repeated message, map<string,string>. */
export type FieldKind =
  'string' | 'bool' | 'int32' | 'int64' | 'bytes' | 'strings' | 'message' | 'messages' | 'map';

/** One field: number, kind, and for messages the nested table. */
export type Field = readonly [no: number, kind: FieldKind, sub?: MessageTable];

/** A message: camelCase field name (as proto-loader's keepCase=false) → field. */
export type MessageTable = Readonly<Record<string, Field>>;

const mount: MessageTable = {
  type: [1, 'string'],
  source: [2, 'string'],
  target: [3, 'string'],
  readonly: [4, 'bool'],
  tmpfsSizeBytes: [5, 'int64'],
};
const resources: MessageTable = {
  memoryBytes: [1, 'int64'],
  memoryReservationBytes: [2, 'int64'],
  memorySwapBytes: [3, 'int64'],
  cpuQuotaUs: [4, 'int64'],
  cpuPeriodUs: [5, 'int64'],
  cpuShares: [6, 'int64'],
  cpusetCpus: [7, 'string'],
  cpusetMems: [8, 'string'],
  pidsLimit: [9, 'int64'],
  blkioWeight: [10, 'int64'],
};
const ulimit: MessageTable = { name: [1, 'string'], soft: [2, 'int64'], hard: [3, 'int64'] };
const healthCheck: MessageTable = {
  test: [1, 'strings'],
  intervalMs: [2, 'int64'],
  timeoutMs: [3, 'int64'],
  retries: [4, 'int32'],
  startPeriodMs: [5, 'int64'],
  startIntervalMs: [6, 'int64'],
};
const networkAttachment: MessageTable = {
  network: [1, 'string'],
  aliases: [2, 'strings'],
  ipv4Address: [3, 'string'],
  macAddress: [4, 'string'],
};
const containerSpec: MessageTable = {
  image: [1, 'string'],
  name: [2, 'string'],
  cmd: [3, 'strings'],
  entrypoint: [4, 'strings'],
  hasEntrypoint: [5, 'bool'],
  env: [6, 'strings'],
  workingDir: [7, 'string'],
  user: [8, 'string'],
  hostname: [9, 'string'],
  mounts: [10, 'messages', mount],
  publish: [11, 'strings'],
  networkMode: [12, 'string'],
  resources: [13, 'message', resources],
  readOnly: [14, 'bool'],
  capAdd: [15, 'strings'],
  capDrop: [16, 'strings'],
  privileged: [17, 'bool'],
  init: [18, 'bool'],
  ulimits: [19, 'messages', ulimit],
  sysctls: [20, 'map'],
  labels: [21, 'map'],
  restartPolicy: [22, 'string'],
  autoRemove: [23, 'bool'],
  healthcheck: [24, 'message', healthCheck],
  healthOnFailure: [25, 'string'],
  stopSignal: [26, 'string'],
  stopTimeoutS: [27, 'int32'],
  networks: [40, 'messages', networkAttachment],
  logOpts: [41, 'map'],
  tty: [42, 'bool'],
  openStdin: [43, 'bool'],
};

const createResponse: MessageTable = {
  id: [1, 'string'],
  name: [2, 'string'],
  warnings: [3, 'strings'],
};
const waitResponse: MessageTable = { exitCode: [1, 'int32'], oomKilled: [2, 'bool'] };
const logsResponse: MessageTable = {
  stream: [1, 'string'],
  time: [2, 'string'],
  data: [3, 'bytes'],
};

/** The messages `tsorch run` uses, by full name. */
export const messages = {
  'tsorch.v1.CreateContainerRequest': { spec: [1, 'message', containerSpec] },
  'tsorch.v1.CreateContainerResponse': createResponse,
  'tsorch.v1.RunContainerRequest': { spec: [1, 'message', containerSpec] },
  // A oneof: exactly one of the three is set (the others decode as null).
  'tsorch.v1.RunContainerResponse': {
    created: [1, 'message', createResponse],
    output: [2, 'message', logsResponse],
    exited: [3, 'message', waitResponse],
  },
  'tsorch.v1.StartContainerRequest': { container: [1, 'string'] },
  'tsorch.v1.StartContainerResponse': {},
  'tsorch.v1.WaitContainerRequest': { container: [1, 'string'] },
  'tsorch.v1.WaitContainerResponse': waitResponse,
  'tsorch.v1.RemoveContainerRequest': {
    container: [1, 'string'],
    force: [2, 'bool'],
    volumes: [3, 'bool'],
  },
  'tsorch.v1.RemoveContainerResponse': {},
  'tsorch.v1.ContainerLogsRequest': {
    container: [1, 'string'],
    follow: [2, 'bool'],
    tail: [3, 'int32'],
    since: [4, 'string'],
    until: [5, 'string'],
  },
  'tsorch.v1.ContainerLogsResponse': logsResponse,
} as const satisfies Record<string, MessageTable>;

class Writer {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }

  varint(v: bigint): void {
    // Negative int32/int64 values take ten bytes (two's complement, proto3 rule).
    let x = v < 0n ? (1n << 64n) + v : v;
    const out: number[] = [];
    while (x >= 0x80n) {
      out.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    out.push(Number(x));
    this.push(Uint8Array.from(out));
  }

  key(no: number, wireType: number): void {
    this.varint(BigInt((no << 3) | wireType));
  }

  bytes(no: number, b: Uint8Array): void {
    this.key(no, 2);
    this.varint(BigInt(b.length));
    this.push(b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

const utf8 = new TextEncoder();

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'string' && v !== '') return BigInt(v);
  return 0n;
}

/** Encodes `value` with `table`; default values (proto3) are left out. */
export function encode(table: MessageTable, value: Readonly<Record<string, unknown>>): Uint8Array {
  const w = new Writer();
  for (const [name, [no, kind, sub]] of Object.entries(table)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    switch (kind) {
      case 'string':
        if (typeof v === 'string' && v !== '') w.bytes(no, utf8.encode(v));
        break;
      case 'bytes':
        if ((v as Uint8Array).length > 0) w.bytes(no, v as Uint8Array);
        break;
      case 'bool':
        if (v === true) {
          w.key(no, 0);
          w.varint(1n);
        }
        break;
      case 'int32':
      case 'int64': {
        const n = toBigInt(v);
        if (n !== 0n) {
          w.key(no, 0);
          w.varint(n);
        }
        break;
      }
      case 'strings':
        for (const s of v as string[]) w.bytes(no, utf8.encode(s));
        break;
      case 'message':
        w.bytes(no, encode(sub ?? {}, v as Record<string, unknown>));
        break;
      case 'messages':
        for (const m of v as Record<string, unknown>[]) w.bytes(no, encode(sub ?? {}, m));
        break;
      case 'map':
        for (const [k, mv] of Object.entries(v as Record<string, string>)) {
          w.bytes(no, encode({ key: [1, 'string'], value: [2, 'string'] }, { key: k, value: mv }));
        }
        break;
    }
  }
  return w.finish();
}

const utf8d = new TextDecoder();

/**
 * Decodes `buf` with `table` into proto-loader's shape (defaults filled, int64 as strings,
 * bytes as Buffer). Unknown fields are skipped.
 *
 * @throws {Error} on a truncated or malformed message.
 */
export function decode(table: MessageTable, buf: Uint8Array): Record<string, unknown> {
  const byNo = new Map<number, [string, Field]>();
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(table)) {
    byNo.set(f[0], [name, f]);
    out[name] = defaultOf(f);
  }
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('Truncated protobuf varint');
      const b = buf[pos++] ?? 0;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error('Malformed protobuf varint');
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wt = key & 7;
    const field = byNo.get(no);
    if (wt === 0) {
      const v = varint();
      if (field === undefined) continue;
      const [name, [, kind]] = field;
      const signed = v >= 1n << 63n ? v - (1n << 64n) : v;
      out[name] =
        kind === 'bool'
          ? v !== 0n
          : kind === 'int32'
            ? Number(BigInt.asIntN(32, signed))
            : String(signed);
    } else if (wt === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('Truncated protobuf field');
      const slice = buf.subarray(pos, pos + len);
      pos += len;
      if (field === undefined) continue;
      const [name, [, kind, sub]] = field;
      if (kind === 'string') out[name] = utf8d.decode(slice);
      else if (kind === 'bytes') out[name] = Buffer.from(slice);
      else if (kind === 'strings') (out[name] as string[]).push(utf8d.decode(slice));
      else if (kind === 'message') out[name] = decode(sub ?? {}, slice);
      else if (kind === 'messages') (out[name] as unknown[]).push(decode(sub ?? {}, slice));
      else if (kind === 'map') {
        const e = decode({ key: [1, 'string'], value: [2, 'string'] }, slice);
        (out[name] as Record<string, string>)[String(e['key'])] = String(e['value']);
      }
    } else if (wt === 5) pos += 4;
    else if (wt === 1) pos += 8;
    else throw new Error(`Unsupported protobuf wire type ${wt}`);
  }
  return out;
}

function defaultOf([, kind]: Field): unknown {
  switch (kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int32':
      return 0;
    case 'int64':
      return '0';
    case 'bytes':
      return Buffer.alloc(0);
    case 'strings':
    case 'messages':
      return [];
    case 'message':
      return null;
    case 'map':
      return {};
  }
}

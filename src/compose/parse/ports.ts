/**
 * Port specifications (compose-spec: ports short syntax): `"80"`, `"8080:80"`,
 * `"127.0.0.1:8080:80/udp"`, `"[::1]:53:53/udp"`, ranges (`"9090-9091:8080-8081"`,
 * `"3000-3005"`, `"8000-8010:80"`) and an empty published port (`"127.0.0.1::80"`).
 *
 * @module
 */

/** One port in the long syntax, as Docker Compose prints it. */
export interface PortConfig {
  name?: string;
  mode: string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
  app_protocol?: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses one short-syntax port into one or more long-syntax ports. */
export function parsePortSpec(spec: string): Parsed<PortConfig[]> {
  const fail = (why: string): Parsed<PortConfig[]> => ({
    ok: false,
    message: `Cannot parse port "${spec}": ${why}`,
  });
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(protocol))
      return fail(`protocol must be tcp, udp or sctp, not "${protocol}"`);
  }
  let hostIp = '';
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end < 0 || rest[end + 1] !== ':')
      return fail('an IPv6 host address must be written as "[addr]:published:target"');
    hostIp = rest.slice(1, end);
    rest = rest.slice(end + 2);
  }
  const parts = rest.split(':');
  let published = '';
  let target = '';
  if (hostIp !== '') {
    if (parts.length !== 2) return fail('expected "[addr]:published:target"');
    published = parts[0] ?? '';
    target = parts[1] ?? '';
  } else if (parts.length === 1) target = parts[0] ?? '';
  else if (parts.length === 2) [published, target] = [parts[0] ?? '', parts[1] ?? ''];
  else if (parts.length === 3)
    [hostIp, published, target] = [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
  else return fail('too many colons; use "[addr]:published:target" for IPv6 addresses');
  if (target === '') return fail('container port is missing');
  const t = parseRange(target);
  if (typeof t === 'string') return fail(`container port ${t}`);
  const p = published === '' ? undefined : parseRange(published);
  if (typeof p === 'string') return fail(`published port ${p}`);
  const base = (targetPort: number, pub: string | undefined): PortConfig => {
    const out: PortConfig = { mode: 'ingress', target: targetPort, protocol };
    if (hostIp !== '') out.host_ip = hostIp;
    if (pub !== undefined) out.published = pub;
    return out;
  };
  const count = t[1] - t[0] + 1;
  if (p === undefined) return { ok: true, value: range(t).map((port) => base(port, undefined)) };
  const pubCount = p[1] - p[0] + 1;
  if (count === 1)
    return { ok: true, value: [base(t[0], pubCount === 1 ? String(p[0]) : `${p[0]}-${p[1]}`)] };
  if (pubCount !== count)
    return fail(`the published range has ${pubCount} ports but the container range has ${count}`);
  return { ok: true, value: range(t).map((port, i) => base(port, String(p[0] + i))) };
}

function range(r: [number, number]): number[] {
  const out: number[] = [];
  for (let i = r[0]; i <= r[1]; i++) out.push(i);
  return out;
}

/** Parses `"80"` or `"8000-8010"`; returns an error fragment on failure. */
function parseRange(text: string): [number, number] | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (m === null) return `must be a number or a range such as "8000-8010", not "${text}"`;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || a > 65535 || b < 1 || b > 65535) return `must be between 1 and 65535, not "${text}"`;
  if (b < a) return `range "${text}" ends before it starts`;
  return [a, b];
}

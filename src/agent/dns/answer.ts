/**
 * One DNS query answered from the {@link DnsTable} (pure): an answer, a refusal, or "forward it
 * upstream".
 *
 * @module
 */
import dnsPacket from 'dns-packet';
import type { DnsTable } from './table.js';

/** DNS response codes used here (RFC 1035 §4.1.1). */
export const rcode = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, refused: 5 } as const;

/** What to do with one query. */
export type DnsDecision = { reply: Buffer } | { forward: true };

/** Builds a response to `query` with `code` and `answers`. */
export function reply(
  query: dnsPacket.DecodedPacket,
  code: number,
  answers: dnsPacket.Answer[] = [],
): Buffer {
  const rd = query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0;
  return dnsPacket.encode({
    type: 'response',
    id: query.id ?? 0,
    flags: rd | dnsPacket.RECURSION_AVAILABLE | (code & 0xf),
    questions: query.questions ?? [],
    answers,
  });
}

/**
 * Decides what to do with the raw query `msg` from `source` (undefined: drop it). An A answer
 * with several addresses starts at index `rotation(name)` (modulo their number), so a resolver
 * that counts such answers per name hands the addresses out round robin.
 */
export function decide(
  table: DnsTable,
  source: string,
  msg: Buffer,
  rotation: (name: string) => number = () => 0,
): DnsDecision | undefined {
  let query: dnsPacket.DecodedPacket;
  try {
    query = dnsPacket.decode(msg);
  } catch {
    return undefined;
  }
  if (query.type !== 'query') return undefined;
  const q = query.questions?.[0];
  if (q === undefined || (query.questions?.length ?? 0) !== 1) {
    return { reply: reply(query, rcode.formErr) };
  }
  const found = table.lookup(source, q.name);
  if (found.kind === 'unknown-source') return { reply: reply(query, rcode.refused) };
  if (found.kind === 'not-found') {
    return found.forward ? { forward: true } : { reply: reply(query, rcode.nxDomain) };
  }
  // A container name has only IPv4 addresses: other types get an empty answer, not NXDOMAIN.
  if (q.type !== 'A') return { reply: reply(query, rcode.noError) };
  const start = found.ips.length > 1 ? rotation(q.name.toLowerCase()) % found.ips.length : 0;
  const ips = [...found.ips.slice(start), ...found.ips.slice(0, start)];
  const answers: dnsPacket.Answer[] = ips.map((ip) => ({
    type: 'A',
    name: q.name,
    ttl: found.ttlS,
    data: ip,
  }));
  return { reply: reply(query, rcode.noError, answers) };
}

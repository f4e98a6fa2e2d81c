/**
 * Host ports for published ports: a port given is checked free on the host (a process of the
 * host listening there would be shadowed by the DNAT rule without knowing); a port left out
 * (`-p 80`) is the first free one of the ephemeral range, as docker does.
 *
 * @module
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { TsorchError } from '../../util/errors.js';
import { ephemeralPortFirst, ephemeralPortLast } from '../../util/limits.js';
import { portsClash } from './ports.js';
import type { PortMapping } from './types.js';

/** Whether the host lets this process bind `proto` `ip:port` now (closed at once). */
export function portFree(
  proto: 'tcp' | 'udp',
  ip: string | undefined,
  port: number,
): Promise<boolean> {
  const host = ip ?? '0.0.0.0';
  return new Promise((resolve) => {
    if (proto === 'tcp') {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
    } else {
      const sock = createSocket('udp4');
      sock.once('error', () => {
        sock.close();
        resolve(false);
      });
      sock.bind({ address: host, port, exclusive: true }, () => sock.close(() => resolve(true)));
    }
  });
}

/**
 * Gives each mapping without a host port one, and checks the given ones are free on the host.
 *
 * @throws {TsorchError} NET_PORT_CONFLICT naming a port a host process holds, or when the
 *   ephemeral range is full.
 */
export async function chooseHostPorts(
  wanted: readonly PortMapping[],
  taken: readonly { port: PortMapping }[],
): Promise<PortMapping[]> {
  const out: PortMapping[] = [];
  const busy = (p: PortMapping): boolean =>
    taken.some((t) => portsClash(t.port, p)) || out.some((q) => portsClash(q, p));
  for (const p of wanted) {
    if (p.hostPort !== 0) {
      if (!(await portFree(p.proto, p.hostIp, p.hostPort))) {
        const where = `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}/${p.proto}`;
        throw new TsorchError(
          'NET_PORT_CONFLICT',
          `Cannot publish port ${where}: a process of the host is using it`,
          { details: { field: 'publish', port: where } },
        );
      }
      out.push(p);
      continue;
    }
    let chosen: PortMapping | undefined;
    for (let port = ephemeralPortFirst; port <= ephemeralPortLast; port++) {
      const candidate = { ...p, hostPort: port };
      if (busy(candidate)) continue;
      if (await portFree(p.proto, p.hostIp, port)) {
        chosen = candidate;
        break;
      }
    }
    if (chosen === undefined) {
      throw new TsorchError(
        'NET_PORT_CONFLICT',
        `Cannot publish port ${p.containerPort}/${p.proto}: no free host port in ${ephemeralPortFirst}-${ephemeralPortLast}`,
        { details: { field: 'publish' } },
      );
    }
    out.push(chosen);
  }
  return out;
}

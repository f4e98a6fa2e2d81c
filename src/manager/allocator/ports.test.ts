import { describe, expect, it } from 'vitest';
import type { PortConfig, Service } from '../../store/index.js';
import { makeService } from '../../store/testing.js';
import { portConflicts } from './ports.js';
import { ingressPort, testService } from './test-fixtures.js';

const hostPort = (published: number): PortConfig => ({
  protocol: 'tcp',
  targetPort: 80,
  publishedPort: published,
  publishMode: 'host',
});

/** `web` (s1) was given 8080 and asks for 0; `api` (s2) asks for 9090 but has no endpoint yet. */
function existing(): Service[] {
  const web = testService(makeService('s1', 'web'), {
    ports: [ingressPort(8080), ingressPort(0, 81)],
  });
  web.endpoint = {
    spec: web.spec.endpoint,
    ports: [ingressPort(8080), ingressPort(30000, 81)],
    virtualIps: [],
  };
  const api = testService(makeService('s2', 'api'), { ports: [ingressPort(9090)] });
  const gone = testService(makeService('s3', 'old'), { ports: [ingressPort(7070)] });
  gone.pendingDelete = true;
  return [web, api, gone];
}

describe('portConflicts()', () => {
  it.each([
    {
      name: 'a port another service was given',
      ports: [ingressPort(8080)],
      want: ['Cannot publish port 8080/tcp: service "web" already publishes it'],
    },
    {
      name: 'a port another service was given for published 0',
      ports: [ingressPort(30000)],
      want: ['Cannot publish port 30000/tcp: service "web" already publishes it'],
    },
    {
      name: 'a port another service asks for',
      ports: [ingressPort(9090)],
      want: ['Cannot publish port 9090/tcp: service "api" already publishes it'],
    },
    {
      name: 'a port listed twice',
      ports: [ingressPort(6060), ingressPort(6060, 81)],
      want: ['Cannot publish port 6060/tcp: it is listed twice in service "new"'],
    },
    { name: 'a free port', ports: [ingressPort(6060)], want: [] },
    { name: 'published 0', ports: [ingressPort(0)], want: [] },
    { name: 'a port of a service being deleted', ports: [ingressPort(7070)], want: [] },
    { name: 'a host-mode port', ports: [hostPort(8080)], want: [] },
    {
      name: 'the same number over udp',
      ports: [{ ...ingressPort(8080), protocol: 'udp' as const }],
      want: [],
    },
  ])('refuses $name, or accepts it', ({ ports, want }) => {
    const spec = testService(makeService('new', 'new'), { ports }).spec;
    expect(portConflicts(spec, existing()).map((i) => i.message)).toEqual(want);
  });

  it('names the holder by id and uses a stable code', () => {
    const spec = testService(makeService('new', 'new'), { ports: [ingressPort(8080)] }).spec;
    expect(portConflicts(spec, existing())).toEqual([
      {
        code: 'port_conflict',
        message: 'Cannot publish port 8080/tcp: service "web" already publishes it',
        serviceId: 's1',
      },
    ]);
  });

  it('lets a service being updated keep its own ports', () => {
    const services = existing();
    const spec = structuredClone((services[0] as Service).spec);
    expect(portConflicts(spec, services, { serviceId: 's1' })).toEqual([]);
  });
});

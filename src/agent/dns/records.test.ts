import { describe, expect, it } from 'vitest';
import { networkEndpoints } from '../lb/testing.js';
import { endpointRecords } from './records.js';

describe('endpointRecords()', () => {
  it('answers a VIP service by name and aliases, tasks.NAME with ready tasks, tasks by name', () => {
    const table = networkEndpoints('n1', [
      {
        name: 'shop_web',
        vip: '10.0.0.2',
        aliases: ['web', 'WWW'],
        tasks: ['10.0.0.10', '10.0.0.7', '10.0.0.5!'],
      },
    ]);
    expect(endpointRecords(table)).toEqual([
      { name: 'shop_web', ips: ['10.0.0.2'], ttlS: 600 },
      { name: 'shop_web.1', ips: ['10.0.0.10'], ttlS: 10 },
      { name: 'shop_web.2', ips: ['10.0.0.7'], ttlS: 10 },
      { name: 'tasks.shop_web', ips: ['10.0.0.7', '10.0.0.10'], ttlS: 10 },
      { name: 'tasks.web', ips: ['10.0.0.7', '10.0.0.10'], ttlS: 10 },
      { name: 'tasks.www', ips: ['10.0.0.7', '10.0.0.10'], ttlS: 10 },
      { name: 'web', ips: ['10.0.0.2'], ttlS: 600 },
      { name: 'www', ips: ['10.0.0.2'], ttlS: 600 },
    ]);
  });

  it('answers a dnsrr service with its ready tasks, and not at all when none is ready', () => {
    const table = networkEndpoints('n1', [
      { name: 'rr', mode: 'dnsrr', tasks: ['10.0.0.9', '10.0.0.8'] },
      { name: 'idle', mode: 'dnsrr', tasks: ['10.0.0.4!'] },
    ]);
    const names = Object.fromEntries(endpointRecords(table).map((r) => [r.name, r.ips]));
    expect(names).toEqual({
      rr: ['10.0.0.8', '10.0.0.9'],
      'rr.1': ['10.0.0.9'],
      'rr.2': ['10.0.0.8'],
      'tasks.rr': ['10.0.0.8', '10.0.0.9'],
    });
  });

  it('keeps the VIP of a service none of whose tasks is ready (its rules refuse connections)', () => {
    const table = networkEndpoints('n1', [{ name: 'down', vip: '10.0.0.3', tasks: ['10.0.0.4!'] }]);
    expect(endpointRecords(table)).toEqual([{ name: 'down', ips: ['10.0.0.3'], ttlS: 600 }]);
  });

  it('merges an alias two services share, with the shorter TTL', () => {
    const table = networkEndpoints('n1', [
      { name: 'a', vip: '10.0.0.2', aliases: ['api'], tasks: ['10.0.0.5'] },
      { name: 'b', mode: 'dnsrr', aliases: ['api'], tasks: ['10.0.0.6'] },
    ]);
    const api = endpointRecords(table).find((r) => r.name === 'api');
    expect(api).toEqual({ name: 'api', ips: ['10.0.0.2', '10.0.0.6'], ttlS: 10 });
  });
});

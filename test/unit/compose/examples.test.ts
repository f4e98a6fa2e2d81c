import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/compose/index.js';

const shop = resolve(import.meta.dirname, '../../../examples/shop/compose.yml');

describe('examples/shop', () => {
  it('loads without issues and starts dependencies first', async () => {
    const { project, graph, warnings, unsupported } = await loadProject({
      files: [shop],
      cwd: process.cwd(),
      env: { LOG_LEVEL: 'debug' },
    });
    expect(warnings).toEqual([]);
    expect(Object.keys(project.services)).toEqual(['api', 'cache', 'db', 'web', 'worker']);
    expect(graph.startOrder).toEqual(['cache', 'db', 'api', 'web', 'worker']);
    expect(graph.services['api']?.dependsOn).toEqual([
      { service: 'cache', condition: 'service_started', required: true },
      { service: 'db', condition: 'service_healthy', restart: true, required: true },
    ]);
    expect(graph.services['db']).toMatchObject({
      networks: ['back'],
      volumes: ['db-data'],
      secrets: ['db_password'],
    });
    expect(project.services['worker']?.environment?.['LOG_LEVEL']).toBe('debug');
    expect(unsupported).toEqual([]);
  });
});

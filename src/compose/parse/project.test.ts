import { describe, expect, it } from 'vitest';
import { parseProject, type ParseProjectOptions, type ParseProjectResult } from './project.js';
import { parseYaml } from './yaml.js';

function load(
  files: Record<string, string>,
  options: Partial<ParseProjectOptions> = {},
): ParseProjectResult {
  const env: Record<string, string> = {};
  return parseProject({
    files: Object.keys(files)
      .filter((f) => f.startsWith('/p/compose'))
      .slice(0, 1),
    workingDir: '/p',
    env: (n) => env[n],
    processEnv: (n) => env[n],
    projectName: undefined,
    profiles: [],
    interpolate: true,
    normalize: true,
    resolvePaths: true,
    consistency: true,
    home: '/home/u',
    read: (p) => files[p],
    preciseYaml: parseYaml,
    ...options,
  });
}

describe('parseProject()', () => {
  it('orders services for start and stop by their dependencies', () => {
    const r = load({
      '/p/compose.yaml': `
services:
  web: {image: w, depends_on: {api: {condition: service_healthy}}}
  api: {image: a, depends_on: [db, cache], networks: [back], secrets: [s]}
  db: {image: d, volumes: [data:/d]}
  cache: {image: c}
networks: {back: {}}
volumes: {data: {}}
secrets: {s: {file: ./s.txt}}
`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.graph.startOrder).toEqual(['cache', 'db', 'api', 'web']);
    expect(r.graph.stopOrder).toEqual(['web', 'api', 'db', 'cache']);
    expect(r.graph.services['web']?.dependsOn).toEqual([
      { service: 'api', condition: 'service_healthy', required: true },
    ]);
    expect(r.graph.services['api']).toMatchObject({
      networks: ['back'],
      secrets: ['s'],
      dependents: ['web'],
    });
    expect(r.graph.services['db']?.volumes).toEqual(['data']);
  });

  it('merges a second file onto the first with the compose merge rules', () => {
    const r = load(
      {
        '/p/compose.yaml':
          'services:\n  a:\n    image: x\n    dns: [1.1.1.1]\n    environment: [A=1]\n',
        '/p/b.yaml':
          'services:\n  a:\n    dns: [1.1.1.1, 9.9.9.9]\n    environment: {B: "2"}\n    image: !reset null\n    build: .\n',
      },
      { files: ['/p/compose.yaml', '/p/b.yaml'] },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const a = r.project.services['a'];
    expect(a?.image).toBeUndefined();
    expect(a?.['dns']).toEqual(['1.1.1.1', '9.9.9.9']);
    expect(a?.environment).toEqual({ A: '1', B: '2' });
  });

  it('lists the keys tsorch cannot honour instead of dropping them', () => {
    const r = load({
      '/p/compose.yaml':
        'services:\n  a:\n    image: x\n    devices: ["/dev/fuse"]\n    container_name: fixed\n',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.unsupported.map((u) => u.path)).toEqual([
      'services.a.container_name',
      'services.a.devices',
    ]);
    expect(r.unsupported[0]?.reason).toContain('replicas');
  });

  it('reports several problems of one file together, each at its line and column', () => {
    const r = load({
      '/p/compose.yaml':
        'services:\n  a:\n    image: x\n    ports: ["80:y"]\n    stop_grace_period: 5\n',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.line, i.column, i.path, i.code])).toEqual([
      [4, 13, 'services.a.ports[0]', 'invalid_port'],
      [5, 24, 'services.a.stop_grace_period', 'invalid_duration'],
    ]);
  });

  it('reports a missing file', () => {
    const r = load({}, { files: ['/p/none.yaml'] });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'file_not_found', file: '/p/none.yaml' }],
    });
  });

  it('rejects an empty file', () => {
    const r = load({ '/p/compose.yaml': '' });
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'not_a_mapping' }] });
  });

  it('takes the project name from -p over the file', () => {
    const r = load(
      { '/p/compose.yaml': 'name: fromfile\nservices: {a: {image: x}}\n' },
      { projectName: 'flag' },
    );
    expect(r.ok && r.project.name).toBe('flag');
  });

  it('enables every profile with "*"', () => {
    const r = load(
      {
        '/p/compose.yaml':
          'services:\n  a: {image: x, profiles: [p1]}\n  b: {image: x, profiles: [p2]}\n',
      },
      { profiles: ['*'] },
    );
    expect(r.ok && Object.keys(r.project.services)).toEqual(['a', 'b']);
  });
});

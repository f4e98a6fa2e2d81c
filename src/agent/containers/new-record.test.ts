import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { newRecord } from './new-record.js';
import { localContainerSpec } from './testing.js';
import type { LocalContainerSpec } from './types.js';

const base = localContainerSpec({ cmd: ['true'] });
const image = { id: 'sha256:abc', repoTags: ['busybox:test'], config: {} };
const make = (spec: LocalContainerSpec): unknown =>
  newRecord(spec, { id: 'c'.repeat(64), name: 'x', image, now: '2026-12-02T00:00:00Z' });

describe('newRecord()', () => {
  it('keeps the spec as given, shm size included', () => {
    expect(make({ ...base, shmSizeBytes: 1 << 20 })).toMatchObject({
      spec: { shmSizeBytes: 1 << 20 },
      args: ['true'],
    });
  });

  const refused: [string, Partial<LocalContainerSpec>][] = [
    [
      'secrets',
      {
        secrets: [
          { id: 's', name: 's', target: '/run/secrets/s', uid: '0', gid: '0', mode: 0o444 },
        ],
      },
    ],
    [
      'configs',
      { configs: [{ id: 'c', name: 'c', target: '/c', uid: '0', gid: '0', mode: 0o444 }] },
    ],
    ['dns', { dns: { nameservers: ['10.0.0.2'], search: [], options: [] } }],
  ];
  it.each(refused)(
    'refuses %s, which this node does not honour yet, naming the field',
    (field, over) => {
      let err: unknown;
      try {
        make({ ...base, ...over });
      } catch (e) {
        err = e;
      }
      expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
      expect((err as Error).message).toBe(
        `Cannot create the container: "${field}" is not supported on this node yet`,
      );
    },
  );
});

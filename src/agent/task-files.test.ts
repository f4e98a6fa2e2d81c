import { describe, expect, it } from 'vitest';
import type { FileReference, Task } from '../store/index.js';
import { makeTask } from '../store/testing.js';
import { hasTaskFiles, taskFiles, type TaskFileLookup } from './task-files.js';

function ref(patch: Partial<FileReference> = {}): FileReference {
  return { id: 's1', name: 'pw', target: '', uid: '0', gid: '0', mode: 0o444, ...patch };
}

function withFiles(secrets: FileReference[], configs: FileReference[] = []): Task {
  const t = makeTask('t1', 'svc', 1) as Task;
  t.spec.container.secrets = secrets;
  t.spec.container.configs = configs;
  return t;
}

const data = new TextEncoder().encode('hunter2');
const lookup: TaskFileLookup = (_kind, id) => (id === 'gone' ? undefined : { spec: { data } });

describe('taskFiles()', () => {
  it.each([
    ['secret, no target: its name under /run/secrets', ref(), '/run/secrets/pw'],
    ['secret, relative target', ref({ target: 'db/pw' }), '/run/secrets/db/pw'],
    ['secret, absolute target', ref({ target: '/etc/app/pw' }), '/etc/app/pw'],
    ['redundant slashes and dots', ref({ target: '//etc/./app//pw' }), '/etc/app/pw'],
  ])('places a %s', (_name, r, target) => {
    expect(taskFiles(withFiles([r]), lookup)).toEqual({
      files: [{ kind: 'secret', name: 'pw', target, data, uid: 0, gid: 0, mode: 0o444 }],
    });
  });

  it('places a config with no target at /<name>, with its owner and mode', () => {
    const r = ref({ id: 'c1', name: 'app.conf', uid: '1000', gid: '100', mode: 0o640 });
    const result = taskFiles(withFiles([], [r]), lookup);
    expect(result).toMatchObject({
      files: [{ kind: 'config', target: '/app.conf', uid: 1000, gid: 100, mode: 0o640 }],
    });
  });

  it.each([
    ['a payload not sent', ref({ id: 'gone' }), 'secret "pw" (gone) was not sent to this node'],
    ['a target leaving its directory', ref({ target: '../etc/shadow' }), 'invalid target'],
    ['a user name as uid', ref({ uid: 'nobody' }), 'uid "nobody" is not a numeric user id'],
    ['a negative gid', ref({ gid: '-1' }), 'gid "-1" is not a numeric group id'],
    ['a mode beyond 07777', ref({ mode: 0o10000 }), 'is not a permission mode'],
  ])('refuses %s, saying why', (_name, r, message) => {
    const result = taskFiles(withFiles([r]), lookup);
    expect('error' in result && result.error).toContain(message);
  });

  it('refuses two files at one target', () => {
    const result = taskFiles(
      withFiles([ref()], [ref({ id: 'c1', name: 'x', target: '/run/secrets/pw' })]),
      lookup,
    );
    expect('error' in result && result.error).toBe(
      'config "x": another secret or config has target "/run/secrets/pw"',
    );
  });

  it('tells a task with files from one without', () => {
    expect(hasTaskFiles(withFiles([ref()]))).toBe(true);
    expect(hasTaskFiles(withFiles([], []))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { makeTask } from '../../store/testing.js';
import { hasCode } from '../../util/errors.js';
import {
  assignmentsFromProto,
  assignmentsToProto,
  sessionRequestFromProto,
  statusUpdateFromProto,
  statusUpdateToProto,
} from './convert.js';

const update = {
  taskId: 't1',
  state: 'RUNNING',
  timestamp: '2026-12-01T00:00:00.000Z',
  message: '',
  err: '',
  containerId: '',
  pid: '0',
  exitCode: -1,
  health: '',
};

function throwsField(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (err) {
    expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as { details?: { field?: string } }).details?.field).toBe(field);
    return;
  }
  expect.unreachable('no error');
}

describe('dispatcher convert', () => {
  it('round-trips an assignment with its object as canonical JSON', () => {
    const task = { ...makeTask('t1', 's', 1), meta: { version: 3, createdAt: '', updatedAt: '' } };
    const pb = assignmentsToProto({
      type: 'complete',
      version: 7,
      changes: [
        { action: 'update', kind: 'task', object: task },
        { action: 'remove', kind: 'secret', id: 'x' },
      ],
    });
    const changes = (pb.changes ?? []).map((c) => ({
      action: c.action === 'REMOVE' ? ('REMOVE' as const) : ('UPDATE' as const),
      kind: c.kind ?? '',
      id: c.id ?? '',
      objectJson: Buffer.from((c.objectJson as Uint8Array | undefined) ?? []),
    }));
    const back = assignmentsFromProto({ type: 'COMPLETE', version: '7', changes });
    expect(back).toEqual({
      type: 'complete',
      version: 7,
      changes: [
        { action: 'update', kind: 'task', object: task },
        { action: 'remove', kind: 'secret', id: 'x' },
      ],
    });
  });

  it('round-trips an endpoint list, which has no meta, and refuses one without its lists', () => {
    const eps = {
      id: 'net1',
      tasks: [],
      services: [],
      nodes: [{ nodeId: 'n1', addr: '192.0.2.2' }],
    };
    const pb = assignmentsToProto({
      type: 'incremental',
      version: 2,
      changes: [{ action: 'update', kind: 'endpoints', object: eps }],
    });
    const raw = (pb.changes ?? [])[0]?.objectJson as Uint8Array;
    const change = (json: Uint8Array): Parameters<typeof assignmentsFromProto>[0] => ({
      type: 'INCREMENTAL',
      version: '2',
      changes: [{ action: 'UPDATE', kind: 'endpoints', id: 'net1', objectJson: Buffer.from(json) }],
    });
    expect(assignmentsFromProto(change(raw)).changes).toEqual([
      { action: 'update', kind: 'endpoints', object: eps },
    ]);
    expect(() =>
      assignmentsFromProto(change(Buffer.from(JSON.stringify({ id: 'net1', tasks: [] })))),
    ).toThrow('Invalid changes[0].object_json: not the endpoints "net1"');
  });

  it('round-trips a task status, leaving unset fields out', () => {
    const u = {
      taskId: 't',
      status: { state: 'FAILED' as const, timestamp: 'x', message: 'm', exitCode: 0 },
    };
    const pb = statusUpdateToProto(u);
    expect(
      statusUpdateFromProto(
        {
          ...update,
          ...pb,
          pid: String(pb.pid),
          exitCode: pb.exitCode ?? -1,
        },
        0,
      ),
    ).toEqual(u);
  });

  it.each([
    [
      'a bad kind',
      () =>
        assignmentsFromProto({
          type: 'INCREMENTAL',
          version: '1',
          changes: [{ action: 'REMOVE', kind: 'volume', id: 'v', objectJson: Buffer.alloc(0) }],
        }),
      'changes[0].kind',
    ],
    [
      'bad JSON',
      () =>
        assignmentsFromProto({
          type: 'INCREMENTAL',
          version: '1',
          changes: [{ action: 'UPDATE', kind: 'task', id: 't', objectJson: Buffer.from('{') }],
        }),
      'changes[0].object_json',
    ],
    [
      'another object',
      () =>
        assignmentsFromProto({
          type: 'INCREMENTAL',
          version: '1',
          changes: [
            {
              action: 'UPDATE',
              kind: 'task',
              id: 't',
              objectJson: Buffer.from('{"id":"u","meta":{}}'),
            },
          ],
        }),
      'changes[0].object_json',
    ],
    [
      'a bad description',
      () => sessionRequestFromProto({ descriptionJson: Buffer.from('[1]'), advertiseAddr: '' }),
      'description_json',
    ],
    [
      'an unknown state',
      () => statusUpdateFromProto({ ...update, state: 'GONE' }, 0),
      'updates[0].state',
    ],
    [
      'an unknown health',
      () => statusUpdateFromProto({ ...update, health: 'meh' }, 2),
      'updates[2].health',
    ],
  ])('refuses %s, naming the field', (_n, fn, field) => {
    throwsField(fn, field);
  });
});

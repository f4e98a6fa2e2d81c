/**
 * `tsorch.v1.Dispatcher` messages ↔ the protocol's domain messages (src/store/dispatch.ts).
 * Objects travel as the store's canonical JSON (docs/adr/020-dispatcher-protocol.md); decoding
 * checks what the receiver relies on and names the bad field.
 *
 * @module
 */
import {
  canonicalJson,
  isTaskState,
  reviveAndFreeze,
  type AssignmentChange,
  type AssignmentKind,
  type AssignmentsMessage,
  type NodeDescription,
  type SessionMessage,
  type SessionRequest,
  type TaskStatus,
  type TaskStatusUpdate,
} from '../../store/index.js';
import { TsorchError } from '../../util/errors.js';
import type {
  AssignmentsMessage as PbAssignments,
  AssignmentsMessage__Output as PbAssignmentsOut,
} from '../gen/tsorch/v1/AssignmentsMessage.js';
import type {
  SessionMessage as PbSession,
  SessionMessage__Output as PbSessionOut,
} from '../gen/tsorch/v1/SessionMessage.js';
import type {
  SessionRequest as PbSessionRequest,
  SessionRequest__Output as PbSessionRequestOut,
} from '../gen/tsorch/v1/SessionRequest.js';
import type {
  _tsorch_v1_UpdateTaskStatusRequest_Update as PbUpdate,
  _tsorch_v1_UpdateTaskStatusRequest_Update__Output as PbUpdateOut,
} from '../gen/tsorch/v1/UpdateTaskStatusRequest.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const kinds: readonly string[] = ['task', 'secret', 'config', 'network', 'endpoints'];
const healths: readonly string[] = ['starting', 'healthy', 'unhealthy'];

function invalid(message: string, field: string): TsorchError {
  return new TsorchError('INVALID_ARGUMENT', message, { details: { field } });
}

/** Encodes a value as canonical JSON bytes. */
function toJson(value: unknown): Buffer {
  return Buffer.from(encoder.encode(canonicalJson(value)));
}

/** Decodes canonical JSON bytes into a frozen object. */
function fromJson(data: Uint8Array, field: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch (cause) {
    throw new TsorchError('INVALID_ARGUMENT', `Invalid ${field}: not UTF-8 JSON`, {
      cause,
      details: { field },
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`Invalid ${field}: not a JSON object`, field);
  return reviveAndFreeze(value as Record<string, unknown>);
}

/** Domain → proto. */
export function sessionRequestToProto(req: SessionRequest): PbSessionRequest {
  return { descriptionJson: toJson(req.description), advertiseAddr: req.advertiseAddr };
}

/**
 * Proto → domain; the dispatcher checks the description's fields.
 *
 * @throws {TsorchError} INVALID_ARGUMENT when `description_json` is not a JSON object.
 */
export function sessionRequestFromProto(pb: PbSessionRequestOut): SessionRequest {
  return {
    description: fromJson(pb.descriptionJson, 'description_json') as unknown as NodeDescription,
    advertiseAddr: pb.advertiseAddr,
  };
}

/** Domain → proto. */
export function sessionMessageToProto(m: SessionMessage): PbSession {
  return { sessionId: m.sessionId, nodeId: m.nodeId, managers: m.managers };
}

/** Proto → domain. */
export function sessionMessageFromProto(pb: PbSessionOut): SessionMessage {
  return { sessionId: pb.sessionId, nodeId: pb.nodeId, managers: pb.managers };
}

/** Domain → proto. */
export function assignmentsToProto(m: AssignmentsMessage): PbAssignments {
  return {
    type: m.type === 'complete' ? 'COMPLETE' : 'INCREMENTAL',
    version: m.version,
    changes: m.changes.map((c) =>
      c.action === 'remove'
        ? { action: 'REMOVE', kind: c.kind, id: c.id }
        : { action: 'UPDATE', kind: c.kind, id: c.object.id, objectJson: toJson(c.object) },
    ),
  };
}

/**
 * Proto → domain.
 *
 * @throws {TsorchError} INVALID_ARGUMENT naming the change whose kind or object is bad.
 */
export function assignmentsFromProto(pb: PbAssignmentsOut): AssignmentsMessage {
  const changes = pb.changes.map((c, i): AssignmentChange => {
    const field = `changes[${i}]`;
    if (!kinds.includes(c.kind))
      throw invalid(`Invalid ${field}.kind: "${c.kind}" is not an assigned kind`, `${field}.kind`);
    const kind = c.kind as AssignmentKind;
    if (c.action === 'REMOVE') return { action: 'remove', kind, id: c.id };
    const object = fromJson(c.objectJson, `${field}.object_json`);
    // Endpoint lists are derived, not stored: they have no meta, but their three lists.
    const shaped =
      kind === 'endpoints'
        ? ['tasks', 'services', 'nodes'].every((k) => Array.isArray(object[k]))
        : typeof object.meta === 'object';
    if (object.id !== c.id || !shaped)
      throw invalid(
        `Invalid ${field}.object_json: not the ${kind} "${c.id}"`,
        `${field}.object_json`,
      );
    return { action: 'update', kind, object } as unknown as AssignmentChange;
  });
  return {
    type: pb.type === 'COMPLETE' ? 'complete' : 'incremental',
    changes,
    version: Number(pb.version),
  };
}

/** Domain → proto. */
export function statusUpdateToProto(u: TaskStatusUpdate): PbUpdate {
  const s = u.status;
  return {
    taskId: u.taskId,
    state: s.state,
    timestamp: s.timestamp,
    message: s.message,
    err: s.err ?? '',
    containerId: s.containerId ?? '',
    pid: s.pid ?? 0,
    exitCode: s.exitCode ?? -1,
    health: s.health ?? '',
  };
}

/**
 * Proto → domain.
 *
 * @throws {TsorchError} INVALID_ARGUMENT naming the update whose state or health is unknown.
 */
export function statusUpdateFromProto(pb: PbUpdateOut, i: number): TaskStatusUpdate {
  if (!isTaskState(pb.state))
    throw invalid(
      `Invalid task status report: updates[${i}].state "${pb.state}" is not a task state`,
      `updates[${i}].state`,
    );
  if (pb.health !== '' && !healths.includes(pb.health))
    throw invalid(
      `Invalid task status report: updates[${i}].health "${pb.health}" is not a health state`,
      `updates[${i}].health`,
    );
  const status: TaskStatus = { state: pb.state, timestamp: pb.timestamp, message: pb.message };
  if (pb.err !== '') status.err = pb.err;
  if (pb.containerId !== '') status.containerId = pb.containerId;
  const pid = Number(pb.pid);
  if (pid > 0) status.pid = pid;
  if (pb.exitCode >= 0) status.exitCode = pb.exitCode;
  if (pb.health !== '') status.health = pb.health as NonNullable<TaskStatus['health']>;
  return { taskId: pb.taskId, status };
}

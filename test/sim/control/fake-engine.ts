/**
 * An in-memory container engine for simulated agents: containers are records whose process
 * "runs" until the simulation kills it. It counts creates per task, so a checker can prove no
 * task ever got a second container.
 *
 * @module
 */
import type { ContainerRecord, LocalContainerSpec } from '../../../src/agent/index.js';
import type { TaskEngine } from '../../../src/agent/worker/index.js';
import { TASK_ID_LABEL } from '../../../src/agent/index.js';
import { NotFoundError, ConflictError } from '../../../src/util/errors.js';

/** One node's containers. */
export class FakeEngine implements TaskEngine {
  readonly #records = new Map<string, ContainerRecord>();
  readonly #waiters = new Map<string, (() => void)[]>();
  /** Creates per task id, over the engine's life. */
  readonly createsByTask = new Map<string, number>();
  /** Starts per container id. */
  readonly startsByContainer = new Map<string, number>();
  #next = 0;
  readonly #prefix: string;
  /** Images present on the node. */
  readonly images = new Set(['busybox:latest']);

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  list(): ContainerRecord[] {
    return [...this.#records.values()];
  }

  #get(ref: string): ContainerRecord {
    const rec = this.#records.get(ref);
    if (rec === undefined)
      throw new NotFoundError(`No such container: ${ref}`, { code: 'CONTAINER_NOT_FOUND' });
    return rec;
  }

  create(spec: LocalContainerSpec): Promise<ContainerRecord> {
    if (!this.images.has(spec.image))
      return Promise.reject(
        new NotFoundError(`No such image: ${spec.image}`, { code: 'IMAGE_NOT_FOUND' }),
      );
    if (this.list().some((r) => r.name === spec.name))
      return Promise.reject(
        new ConflictError(`Name "${spec.name ?? ''}" is taken`, { code: 'ALREADY_EXISTS' }),
      );
    const id = `${this.#prefix}-c${this.#next++}`;
    const taskId = spec.labels[TASK_ID_LABEL] ?? '';
    this.createsByTask.set(taskId, (this.createsByTask.get(taskId) ?? 0) + 1);
    const rec = {
      id,
      name: spec.name ?? id,
      spec,
      state: {
        status: 'created',
        pid: 0,
        exitCode: 0,
        oomKilled: false,
        error: '',
        startedAt: '',
        finishedAt: '',
        restartCount: 0,
        stoppedByUser: false,
      },
    } as unknown as ContainerRecord;
    this.#records.set(id, rec);
    return Promise.resolve(rec);
  }

  start(ref: string): Promise<unknown> {
    const rec = this.#get(ref);
    this.startsByContainer.set(rec.id, (this.startsByContainer.get(rec.id) ?? 0) + 1);
    rec.state = { ...rec.state, status: 'running', pid: 1000 + this.#next };
    return Promise.resolve(rec);
  }

  /** Ends the container's process with `exitCode` (a crash, or the end of a job). */
  exit(ref: string, exitCode: number): void {
    const rec = this.#get(ref);
    if (rec.state.status !== 'running') return;
    rec.state = { ...rec.state, status: 'exited', pid: 0, exitCode };
    for (const w of this.#waiters.get(rec.id) ?? []) w();
    this.#waiters.delete(rec.id);
  }

  stop(ref: string): Promise<unknown> {
    this.exit(ref, 0);
    return Promise.resolve();
  }

  remove(ref: string): Promise<void> {
    this.exit(ref, 137);
    this.#records.delete(this.#get(ref).id);
    return Promise.resolve();
  }

  wait(ref: string, signal?: AbortSignal): Promise<unknown> {
    const rec = this.#get(ref);
    if (rec.state.status !== 'running') return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.#waiters.get(rec.id) ?? [];
      list.push(() => {
        resolve(undefined);
      });
      this.#waiters.set(rec.id, list);
      signal?.addEventListener(
        'abort',
        () => {
          resolve(undefined);
        },
        { once: true },
      );
    });
  }
}

/**
 * How far a service has come, judged from its tasks (pure): what the progress display shows
 * ("running 2/3", "healthy"), whether a depends_on condition holds, and whether it failed.
 *
 * @module
 */
import type { ServiceSpec } from '../../store/index.js';
import { isTerminal } from '../../store/index.js';
import type { Dependency } from './plan.js';
import type { TaskView } from './target.js';

/** A service's progress. */
export interface ServiceProgress {
  /** Tasks running (or, for a job, completed) and how many are wanted. */
  done: number;
  wanted: number;
  state: 'pending' | 'starting' | 'running' | 'healthy' | 'completed' | 'failed';
  /** A task's message when pending or failed ("no suitable node ...", "exit code 1"). */
  message: string;
}

/** The outcome of a depends_on condition: met, not yet, or never (with the reason). */
export type ConditionResult = { met: true } | { met: false; failed?: string };

function isJob(spec: ServiceSpec): boolean {
  return spec.mode.kind === 'replicated-job' || spec.mode.kind === 'global-job';
}

function hasHealthcheck(spec: ServiceSpec): boolean {
  const test = spec.task.container.healthcheck?.test ?? [];
  return test.length > 0 && test[0] !== 'NONE';
}

function wantedTasks(spec: ServiceSpec, tasks: readonly TaskView[]): number {
  switch (spec.mode.kind) {
    case 'replicated':
      return spec.mode.replicas;
    case 'replicated-job':
      return spec.mode.totalCompletions;
    case 'global':
    case 'global-job':
      // One per eligible node: as many as the orchestrator made (at least one).
      return Math.max(1, new Set(tasks.map((t) => t.nodeId)).size);
  }
}

function failure(t: TaskView): string {
  const exit = t.exitCode === undefined ? '' : `exit code ${t.exitCode}`;
  return [t.state.toLowerCase(), exit, t.message].filter((s) => s !== '').join(': ');
}

/** The progress of `spec`'s service from its current tasks. */
export function serviceProgress(spec: ServiceSpec, tasks: readonly TaskView[]): ServiceProgress {
  const wanted = wantedTasks(spec, tasks);
  if (isJob(spec) || spec.task.restartPolicy.condition === 'none') {
    const completed = tasks.filter((t) => t.state === 'COMPLETE' && (t.exitCode ?? 0) === 0);
    const failed = tasks.find(
      (t) => t.state === 'FAILED' || t.state === 'REJECTED' || (t.exitCode ?? 0) !== 0,
    );
    if (failed !== undefined && spec.task.restartPolicy.condition === 'none')
      return { done: completed.length, wanted, state: 'failed', message: failure(failed) };
    if (isJob(spec) && completed.length >= wanted)
      return { done: completed.length, wanted, state: 'completed', message: '' };
  }
  const live = tasks.filter((t) => t.desiredState === 'RUNNING' && !isTerminal(t.state));
  const running = live.filter((t) => t.state === 'RUNNING');
  const unhealthy = running.find((t) => t.health === 'unhealthy');
  if (unhealthy !== undefined)
    return { done: running.length, wanted, state: 'failed', message: 'unhealthy' };
  const pending = live.find((t) => t.state === 'PENDING');
  if (running.length < wanted || wanted === 0) {
    const exited = tasks.filter((t) => t.state === 'COMPLETE');
    if (wanted > 0 && running.length === 0 && exited.length >= wanted && live.length === 0)
      return { done: exited.length, wanted, state: 'completed', message: '' };
    if (wanted === 0) return { done: 0, wanted, state: 'running', message: '' };
    return {
      done: running.length,
      wanted,
      state: pending === undefined ? 'starting' : 'pending',
      message: pending?.message ?? '',
    };
  }
  if (!hasHealthcheck(spec)) return { done: running.length, wanted, state: 'running', message: '' };
  const healthy = running.filter((t) => t.health === 'healthy').length;
  return {
    done: healthy,
    wanted,
    state: healthy >= wanted ? 'healthy' : 'running',
    message: '',
  };
}

/**
 * Whether `dependency` (of a service) holds, given its service's spec and progress.
 * service_started: every wanted task runs (or has completed); service_healthy: every one is
 * healthy (a service without a health check can never be); service_completed_successfully: the
 * tasks exited 0.
 */
export function conditionHolds(
  dependency: Dependency,
  spec: ServiceSpec,
  progress: ServiceProgress,
): ConditionResult {
  if (progress.state === 'failed')
    return { met: false, failed: `service "${dependency.service}" failed: ${progress.message}` };
  switch (dependency.condition) {
    case 'service_started':
      return { met: ['running', 'healthy', 'completed'].includes(progress.state) };
    case 'service_healthy':
      if (!hasHealthcheck(spec))
        return {
          met: false,
          failed: `service "${dependency.service}" has no health check, so it can never be healthy`,
        };
      return { met: progress.state === 'healthy' };
    case 'service_completed_successfully':
      return { met: progress.state === 'completed' };
  }
}

/** Whether `up --wait` is satisfied for a service: healthy if it checks health, else running. */
export function isReady(spec: ServiceSpec, progress: ServiceProgress): boolean {
  if (progress.state === 'completed') return true;
  return hasHealthcheck(spec) ? progress.state === 'healthy' : progress.state === 'running';
}

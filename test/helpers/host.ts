/**
 * Helpers for tests that need root and real host tools (test/integration, test/e2e).
 *
 * A test that needs something absent is skipped locally with the reason, and FAILS when
 * `CI=true`: CI runs as root with every tool installed by scripts/setup-host.sh.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, expect, type TestContext } from 'vitest';

const inCi = process.env['CI'] === 'true';

/** Returns why the host cannot run a root test, or undefined when it can. */
export function missingRoot(): string | undefined {
  return process.getuid?.() === 0 ? undefined : 'needs root (CI runs these)';
}

/** Returns why `tool` is unusable, or undefined when it is on the PATH. */
export function missingTool(tool: string): string | undefined {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `needs "${tool}" (install with: bash scripts/setup-host.sh)`;
  }
}

function requireOrSkip(ctx: TestContext, reason: string | undefined): void {
  if (reason === undefined) return;
  if (inCi) expect.fail(`Test requirement missing in CI: ${reason}`);
  ctx.skip(reason);
}

/**
 * Inside a test or beforeEach: skip (locally) or fail (CI) when `missing` names a host feature
 * the test needs and lacks (e.g. "needs a cgroup v1 or hybrid host"); does nothing when it is
 * undefined. Every test that cannot run on a host goes through here, so none passes silently.
 */
export function requireHost(ctx: TestContext, missing: string | undefined): void {
  requireOrSkip(ctx, missing);
}

/** Inside a test or beforeEach: skip (locally) or fail (CI) unless running as root. */
export function requireRoot(ctx: TestContext): void {
  requireOrSkip(ctx, missingRoot());
}

/** Inside a test or beforeEach: skip (locally) or fail (CI) unless each tool is installed. */
export function requireTool(ctx: TestContext, ...tools: string[]): void {
  for (const tool of tools) requireOrSkip(ctx, missingTool(tool));
}

/**
 * True when root and every tool are present. For `describe.runIf(...)` style gating, prefer
 * `requireRoot(ctx)` inside the test so CI fails loudly instead of skipping.
 */
export function hostHas(...tools: string[]): boolean {
  return missingRoot() === undefined && tools.every((t) => missingTool(t) === undefined);
}

let prefix: string | undefined;

/** A short prefix unique to this test run, for names of host resources (netns, cgroups, ...). */
export function runPrefix(): string {
  prefix ??= `tst${randomBytes(3).toString('hex')}`;
  return prefix;
}

/** An undo action; may be async. */
export type Undo = () => unknown;

/** A stack of undo actions unwound in reverse order after each test, even when it fails. */
export interface Cleanup {
  /** Registers an undo action and returns `value` unchanged. */
  push<T>(undo: Undo, value?: T): T | undefined;
  /** Runs every pending undo action now (also done automatically after each test). */
  unwind(): Promise<void>;
}

/**
 * Creates a cleanup stack for the enclosing describe block. Errors from undo actions are
 * collected and rethrown after all of them ran, so one failure never leaks the rest.
 */
export function useCleanup(): Cleanup {
  const stack: Undo[] = [];
  const cleanup: Cleanup = {
    push<T>(undo: Undo, value?: T): T | undefined {
      stack.push(undo);
      return value;
    },
    async unwind(): Promise<void> {
      const errors: unknown[] = [];
      while (stack.length > 0) {
        const undo = stack.pop();
        try {
          await undo?.();
        } catch (err) {
          errors.push(err);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'Cleanup failed');
    },
  };
  afterEach(() => cleanup.unwind());
  return cleanup;
}

/**
 * Polls `check` until it returns a value other than undefined/false, at most `timeoutMs`.
 *
 * @throws {Error} naming `what` when the time runs out.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

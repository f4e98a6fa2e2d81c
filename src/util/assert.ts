/**
 * Programmer-error checks. A failed assertion is a bug in tsorch, never a user mistake: it
 * throws an {@link AssertionError} that the CLI reports as an internal error.
 *
 * @module
 */

/** Thrown when an invariant does not hold. */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

/**
 * Asserts that `condition` holds.
 *
 * @throws {AssertionError} when it does not.
 */
export function assert(condition: unknown, message = 'Assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/**
 * Marks a branch that the type system proves cannot run (exhaustive switches).
 *
 * @throws {AssertionError} always.
 */
export function unreachable(value: never, message = 'Unreachable code reached'): never {
  throw new AssertionError(`${message}: ${JSON.stringify(value)}`);
}

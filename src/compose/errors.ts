/**
 * Errors of the compose front end.
 *
 * @module
 */
import { TsorchError, type ErrorCode, type TsorchErrorOptions } from '../util/errors.js';
import { formatIssue, type ComposeIssue } from './parse/index.js';

/**
 * A compose project that cannot be loaded. Holds every issue found (several per file are
 * reported together), each with file, line, column and key path.
 */
export class ComposeError extends TsorchError {
  override name = 'ComposeError';
  readonly issues: readonly ComposeIssue[];

  constructor(
    issues: readonly ComposeIssue[],
    options: TsorchErrorOptions & { code?: ErrorCode } = {},
  ) {
    const lines = issues.map(formatIssue);
    const head =
      issues.length === 1
        ? (lines[0] ?? '')
        : `${issues.length} problems in the compose project:\n${lines.map((l) => `  ${l}`).join('\n')}`;
    super(options.code ?? 'COMPOSE_INVALID', head, {
      ...options,
      details: { issues: issues.map((i) => ({ ...i })) },
    });
    this.issues = issues;
  }
}

/**
 * Errors the CLI turns into one line on stderr and an exit code (see README "Exit codes").
 * Anything else is a bug: one line too, plus the stack only with --debug.
 */
import { ScanError } from '../scan/discover.js';

export const EXIT = {
  ok: 0,
  /** audit: a finding at or above --fail-on; verify: a failed check; apply/destroy: a step failed; status: something is down; generate: a preflight error (nothing written). */
  findings: 1,
  /** Bad usage or input: missing folder, not a Phoenix project, invalid phoenix-ops.yaml; verify: bad URL, DNS failure, refused connection. */
  usage: 2,
  /** An internal error (a bug): reported in one line; rerun with --debug for the stack. */
  internal: 3,
  /** apply/destroy stopped by Ctrl-C (state saved; apply --resume continues). */
  interrupted: 130,
} as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** generate's preflight found errors: nothing was written (exit 1, like a failed check). */
export class PreflightFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightFailed';
  }
}

/** Errors that carry their own exit code 2 (input problems), recognised by name so stages need not import the CLI. */
const INPUT_ERRORS = new Set(['ScanError', 'UsageError', 'ConfigError', 'ManifestError', 'UnsafePathError', 'VerifyError', 'PreflightError', 'LockError', 'StateError', 'UnsupportedTargetError']);

export function exitCodeFor(err: unknown): number {
  if (err instanceof PreflightFailed) return EXIT.findings;
  if (err instanceof ScanError || err instanceof UsageError) return EXIT.usage;
  if (err instanceof Error && INPUT_ERRORS.has(err.name)) return EXIT.usage;
  return EXIT.internal;
}

export function describeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n')[0] ?? msg;
  if (exitCodeFor(err) === EXIT.internal && !(err instanceof PreflightFailed)) return `phoenix-ops: internal error: ${first} (rerun with --debug for details)`;
  return `phoenix-ops: ${first}`;
}

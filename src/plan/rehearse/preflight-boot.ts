/**
 * The boot rehearsal as preflight issues (invariant `boot`): a check that fails is an error (the app
 * would not start as the target runs it), a check the rehearsal could not decide is a warning naming
 * what to compile, and a rehearsal that could not run says so as a warning. `plan` and `generate` run
 * it when `elixir` is on PATH, unless `--no-rehearse` or PHOENIX_OPS_NO_REHEARSE is set.
 */
import type { PreflightIssue } from '../preflight.js';
import type { Rehearsal } from './types.js';

/** Whether plan/generate rehearse: asked for (no --no-rehearse) and not turned off for the process. */
export function rehearsalWanted(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const off = env.PHOENIX_OPS_NO_REHEARSE;
  return flag !== false && (off === undefined || off === '' || off === '0');
}

export function bootIssues(r: Rehearsal): PreflightIssue[] {
  if (r.status === 'skipped' || (r.status === 'inconclusive' && r.checks.length === 0)) {
    return [{ invariant: 'boot', severity: 'warning', file: null, message: `boot rehearsal not run: ${r.skipped ?? 'no result'}`, fix: 'install Elixir (elixir on PATH) to rehearse the boot, or run `phoenix-ops rehearse` where it is' }];
  }
  return r.checks
    .filter((c) => c.status !== 'pass')
    .map((c) => ({
      invariant: 'boot',
      // A warning, not an error, even for a failed check: the rehearsal evaluates the config only (no
      // dependencies compiled, placeholder values), so `generate` still writes and says so; the
      // `rehearse` command itself exits 1 on a failed check.
      severity: 'warning' as const,
      file: c.file,
      message: `${c.message}${c.evidence ? ` (${c.evidence.file}:${c.evidence.line})` : ''}`,
      fix: c.fix ?? 'see `phoenix-ops rehearse`',
    }));
}

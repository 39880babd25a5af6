/**
 * What a probe's non-zero exit means, CLI by CLI: "the thing is not there", or "could not ask" (a network error,
 * an engine that is down, an expired login). Only the first lets apply create the thing: the second, read as
 * "absent", would record something that existed as created, and a later rollback would remove it.
 */
import { basename } from 'node:path';

/** How each provider CLI says "not found" on stderr (sources in docs/providers.md); null: a failure never means absent. */
const NOT_FOUND: Readonly<Record<string, RegExp | null>> = {
  // kubectl: `Error from server (NotFound): … not found` (k8s.io/apimachinery StatusReasonNotFound).
  kubectl: /\(NotFound\)/,
  // gcloud: `NOT_FOUND: …` from the API, `Cannot find service [S]` / `Cannot find job [J]` from run.
  gcloud: /\bNOT_FOUND\b|Cannot find (service|job)\b/,
  // docker: `Error: No such image: X` / `no such volume` (docker/cli cli/command/inspect/inspector.go:204-240).
  docker: /\bNo such (image|volume|container|object)\b/i,
  // flyctl: `failed to get app: Could not find App "A"`, `Could not resolve` (GraphQL), `… not found`.
  flyctl: /Could not find App|Could not resolve|\bnot found\b/i,
  // terraform show -json exits 0 on an empty state: a failure is an error (no state, no init, no credentials).
  terraform: null,
};

/**
 * True when the probe's failure says the thing does not exist; false when it could not tell. A command that is
 * no provider CLI we know (a script of the project's) keeps the plain rule: a failure means absent.
 */
export function probeSaysAbsent(argv: readonly string[], code: number | null, stderr: string): boolean {
  const tool = basename(argv[0] ?? '');
  // ssh exits 255 for its own errors (ssh(1)); any other status is the remote command's (`test` exits 1).
  if (tool === 'ssh') return code !== null && code !== 255;
  // flyctl installs itself under two names, flyctl and its short alias.
  const pattern = NOT_FOUND[/^fly$/.test(tool) ? 'flyctl' : tool];
  if (pattern === undefined) return true;
  return pattern !== null && pattern.test(stderr);
}

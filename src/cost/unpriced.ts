/**
 * Targets with no hosting bill of their own (no cost.ts in their folder): why, in one sentence, so
 * `cost --target docker` explains itself and points to the targets that are priced instead of
 * printing an empty table and "$0.00".
 */
import type { TargetId } from '../model/ids.js';

const WHY: Partial<Record<TargetId, string>> = {
  docker: 'A bare Docker image has no hosting cost of its own: it costs what the platform that runs it charges.',
  compose: 'compose runs the production release on a machine you already have (docker compose up): there is no hosting bill to estimate.',
  'github-actions': 'github-actions writes CI workflows: their minutes are free for public repositories and come out of your GitHub plan for private ones; the deploy target they run is what costs.',
};

/** The explanation for a target that is not priced, naming the priced ones and `--compare`. */
export function unpricedExplanation(target: TargetId, priced: readonly TargetId[], dir: string): string {
  const why = WHY[target] ?? `${target} provisions nothing that phoenix-ops prices.`;
  const arg = dir === '.' ? '' : ` ${dir}`;
  return [
    why,
    `Compare the targets that have a price (${priced.join(', ')}) with \`phoenix-ops cost${arg} --compare\`, or price one with \`phoenix-ops cost${arg} --target ${priced[0] ?? 'fly'}\`.`,
  ].join('\n');
}

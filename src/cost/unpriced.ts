/**
 * Targets with no hosting bill of their own (no cost.ts in their folder): why, in their own words
 * (`noHostingCost` in the target's metadata), so `cost --target docker` explains itself and points to
 * the targets that are priced instead of printing an empty table and "$0.00".
 */
import type { TargetId } from '../model/ids.js';
import { targets } from '../targets/index.js';

/** The explanation for a target that is not priced, naming the priced ones and `--compare`. */
export function unpricedExplanation(target: TargetId, priced: readonly TargetId[], dir: string): string {
  const why = targets[target].noHostingCost ?? `${target} provisions nothing that phoenix-ops prices.`;
  const arg = dir === '.' ? '' : ` ${dir}`;
  return [
    why,
    `Compare the targets that have a price (${priced.join(', ')}) with \`phoenix-ops cost${arg} --compare\`, or price one with \`phoenix-ops cost${arg} --target ${priced[0] ?? '<target>'}\`.`,
  ].join('\n');
}

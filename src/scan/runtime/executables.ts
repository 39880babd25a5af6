/**
 * The programs the prod app runs, by name, from the commands gathered in lib/ code reachable in prod
 * (see commands.ts): one entry per program, at its first call.
 */
import type { Facts, RuntimeSummary } from '../profile.js';

export function decideExecutables(facts: Facts): RuntimeSummary['executables'] {
  const out: RuntimeSummary['executables'] = [];
  for (const c of facts.runtimeSources.commands) {
    if (c.program && !out.some((e) => e.name === c.program)) out.push({ name: c.program, evidence: c.evidence });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

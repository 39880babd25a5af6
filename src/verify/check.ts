/** A verify check: the contract audit rules have (audit/contract.ts), over the gathered artifacts, with the requirements of ./requirements.ts. */
import type { Definition } from '../audit/contract.js';
import type { VerifyRequirementName, VerifyVocabulary } from './requirements.js';
import type { Artifacts } from './types.js';

/**
 * A live check: metadata, message templates and a pure `check` over the artifacts, under the contract
 * audit rules have (audit/contract.ts). `requires` names artifacts of ./requirements.ts (the TLS
 * handshake, the HTML page, the health path…) that `check` gets present and typed besides `artifacts`.
 * The id is the file name and the docs page name.
 */
export type VerifyCheck<R extends readonly VerifyRequirementName[] = readonly VerifyRequirementName[]> = Definition<{ artifacts: Artifacts }, VerifyVocabulary, R, undefined>;

/** Declares a check: the `requires` list types what `check` receives. */
export function defineCheck<const R extends readonly VerifyRequirementName[]>(check: VerifyCheck<R>): VerifyCheck<R> {
  return check;
}

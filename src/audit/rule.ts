/** An audit rule: the contract of ./contract.ts over a Profile, with the artifacts of ./requirements.ts. */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';
import type { Definition } from './contract.js';
import type { AuditVocabulary, RequirementName } from './requirements.js';

export interface RuleContext {
  /** The deployment config (phoenix-ops.yaml merged over defaults), when one was loaded. */
  deploy: DeployConfig | null;
  /** The phoenix-ops.yaml the config was read from; null when only defaults apply (they say nothing about the app). */
  configFile: string | null;
}

/**
 * An audit rule: `requires` names artifacts of ./requirements.ts (an endpoint, the production
 * Dockerfiles, the Ecto repos…), and `check` gets `{ profile, …those artifacts }` and the context.
 */
export type Rule<R extends readonly RequirementName[] = readonly RequirementName[]> = Definition<{ profile: Profile }, AuditVocabulary, R, RuleContext>;

/** Declares a rule: the `requires` list types what `check` receives. */
export function defineRule<const R extends readonly RequirementName[]>(rule: Rule<R>): Rule<R> {
  return rule;
}

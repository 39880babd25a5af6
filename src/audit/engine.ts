/**
 * `audit(profile)`: the rule catalog run by the engine (./runner.ts) over a profile. Ignores from
 * phoenix-ops.yaml (by rule and path) and inline `# phoenix-ops:ignore <rule>` comments mark findings
 * suppressed; scores are over the audit's categories.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile, Suppression } from '../scan/profile.js';
import { REQUIREMENTS } from './requirements.js';
import { rules as allRules } from './rules/index.js';
import { assemble, bySeverity, codePoint, runDefinitions, selectDefinitions, type EngineResult } from './runner.js';
import { AUDIT_CATEGORIES } from './scoring.js';
import type { Rule, RuleContext } from './rule.js';
import { SEVERITIES, type Finding, type Severity } from './types.js';

export const AUDIT_SCHEMA_VERSION = 1;

export interface AuditOptions {
  /** Only these rule ids. */
  only?: string[];
  /** Skip these rule ids. */
  skip?: string[];
  deploy?: DeployConfig | null;
  /** The phoenix-ops.yaml `deploy` came from (null: defaults only). */
  configFile?: string | null;
  /** Rules to run instead of the catalog (tests). */
  rules?: readonly Rule[];
}

export type AuditResult = EngineResult;

/** Most severe first, then by category, rule, file and line. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    bySeverity(a, b) ||
    codePoint(a.category, b.category) ||
    codePoint(a.ruleId, b.ruleId) ||
    codePoint(a.evidence[0]?.file ?? '', b.evidence[0]?.file ?? '') ||
    (a.evidence[0]?.line ?? 0) - (b.evidence[0]?.line ?? 0)
  );
}

export function audit(profile: Profile, opts: AuditOptions = {}): AuditResult {
  const selected = selectDefinitions(opts.rules ?? allRules, 'rule', opts.only, opts.skip);
  const ctx: RuleContext = { deploy: opts.deploy ?? null, configFile: opts.configFile ?? null };
  const ignores = opts.deploy?.audit.ignore ?? [];
  const run = runDefinitions(selected, {
    noun: 'rule',
    docsDir: 'docs/rules',
    bugReport: 'Report this as a phoenix-ops bug with the project layout that triggers it.',
    input: profile,
    base: { profile },
    vocabulary: REQUIREMENTS,
    ctx,
    suppression: (f) => suppressionFor(f, profile.facts.suppressions, ignores, profile.projectPath),
  });
  return assemble(run, { schemaVersion: AUDIT_SCHEMA_VERSION, categories: AUDIT_CATEGORIES, rulesRun: selected.length, compare: compareFindings });
}

function suppressionFor(f: Finding, comments: readonly Suppression[], ignores: readonly { rule: string; path?: string; reason: string }[], projectPath: string): Finding['suppressed'] {
  for (const ig of ignores) {
    if (ig.rule !== f.ruleId) continue;
    if (ig.path === undefined) return { by: 'config', reason: ig.reason };
    // The path is relative to the project folder (where phoenix-ops.yaml sits); evidence is relative to the scanned root.
    const path = ig.path.replace(/^\.\//, '').replace(/\/+$/, '');
    const paths = projectPath === '.' ? [path] : [path, `${projectPath}/${path}`];
    if (f.evidence.some((e) => paths.some((p) => e.file === p || e.file.startsWith(`${p}/`)))) return { by: 'config', reason: ig.reason };
  }
  for (const c of comments) {
    if (c.ruleId !== f.ruleId) continue;
    // A comment covers its own line and the next one.
    if (f.evidence.some((e) => e.file === c.file && (e.line === c.line || e.line === c.line + 1))) return { by: 'comment', reason: c.reason };
  }
  return undefined;
}

/** True when a finding at or above `threshold` is active. */
export function failsAt(result: Pick<EngineResult, 'findings'>, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  const limit = SEVERITIES.indexOf(threshold);
  return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
}

/**
 * Runs the rule catalog over a profile: a rule whose requirements the project does not meet is
 * "not applicable" without being run; a rule that throws (or reports a message it does not
 * declare) becomes one internal-error finding and the others still run; ignores from
 * phoenix-ops.yaml and inline comments mark findings suppressed.
 */
import { createHash } from 'node:crypto';
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile, Suppression } from '../scan/profile.js';
import { defaultSnippet, findingFingerprint, formatMessage } from './messages.js';
import { unmetRequirement, type RequirementName } from './requirements.js';
import { rules as allRules } from './rules/index.js';
import { scoreOutcomes, type CategoryScore, type RuleOutcome } from './scoring.js';
import { isNotApplicable, notApplicable as notApplicableResult, type Finding, type Rule, type RuleContext, SEVERITIES, type Severity } from './types.js';

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

export interface AuditResult {
  schemaVersion: number;
  score: number;
  categories: CategoryScore[];
  /** Active findings, most severe first. */
  findings: Finding[];
  suppressed: Finding[];
  notApplicable: { ruleId: string; reason: string }[];
  rulesRun: number;
}

/** Fingerprint of a finding that has only a finished message (verify's checks, internal errors): rule, file and message. */
export function fingerprint(ruleId: string, file: string | undefined, message: string): string {
  return createHash('sha256').update(`${ruleId}\0${file ?? ''}\0${message.replace(/\d+/g, '#')}`).digest('hex').slice(0, 16);
}

export function audit(profile: Profile, opts: AuditOptions = {}): AuditResult {
  const catalog = opts.rules ?? allRules;
  const known = new Set(catalog.map((r) => r.id));
  for (const id of [...(opts.only ?? []), ...(opts.skip ?? [])]) {
    if (!known.has(id)) throw Object.assign(new Error(`unknown rule id "${id}" (run \`phoenix-ops explain --list\` for the catalog)`), { name: 'UsageError' });
  }
  const selected = catalog.filter((r) => (!opts.only?.length || opts.only.includes(r.id)) && !opts.skip?.includes(r.id));
  const ctx: RuleContext = { deploy: opts.deploy ?? null, configFile: opts.configFile ?? null };
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] = [];
  const notApplicable: AuditResult['notApplicable'] = [];
  const ignores = opts.deploy?.audit.ignore ?? [];
  const requirementCache = new Map<RequirementName, boolean>();

  for (const rule of selected) {
    let produced: Finding[] = [];
    try {
      const unmet = unmetRequirement(profile, rule.requires, requirementCache);
      const result = unmet ? notApplicableResult(unmet.reason) : rule.check(profile, ctx);
      if (isNotApplicable(result)) {
        notApplicable.push({ ruleId: rule.id, reason: result.notApplicable });
        outcomes.push({ category: rule.category, severity: rule.severity, applicable: false, passed: true });
        continue;
      }
      produced = result.map((hit) => ({
        ruleId: rule.id,
        severity: hit.severity ?? rule.severity,
        category: rule.category,
        title: rule.title,
        message: formatMessage(rule.id, rule.messages, hit.messageId, hit.data),
        messageId: hit.messageId,
        evidence: hit.evidence,
        fix: hit.fix ?? rule.fix,
        docs: `docs/rules/${rule.id}.md`,
        equivalents: rule.equivalents,
        fingerprint: findingFingerprint({ ruleId: rule.id, messageId: hit.messageId, file: hit.evidence[0]?.file, snippet: hit.snippet ?? defaultSnippet(hit.data) }),
      }));
    } catch (e) {
      produced = [
        {
          ruleId: 'internal-error',
          severity: 'info',
          category: rule.category,
          title: `Rule ${rule.id} failed`,
          message: `rule ${rule.id} could not run: ${e instanceof Error ? e.message : String(e)}`,
          evidence: [],
          fix: 'Report this as a phoenix-ops bug with the project layout that triggers it.',
          docs: 'README.md',
          equivalents: [],
          fingerprint: fingerprint('internal-error', rule.id, ''),
        },
      ];
    }
    for (const f of produced) {
      const sup = suppressionFor(f, profile.facts.suppressions, ignores);
      if (sup) f.suppressed = sup;
    }
    findings.push(...produced);
    const failing = produced.filter((f) => !f.suppressed && f.ruleId !== 'internal-error');
    // A failed audit weighs as much as its most severe finding (a mitigated one weighs less).
    const weight = failing.length ? failing.map((f) => f.severity).sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0]! : rule.severity;
    outcomes.push({ category: rule.category, severity: weight, applicable: true, passed: failing.length === 0 });
  }

  const { score, categories } = scoreOutcomes(outcomes);
  const order = (s: Severity) => SEVERITIES.indexOf(s);
  // Code-point order, not localeCompare: the same on every machine whatever its locale (and no ICU
  // collator to load).
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = findings.sort(
    (a, b) =>
      order(a.severity) - order(b.severity) ||
      cmp(a.category, b.category) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.evidence[0]?.file ?? '', b.evidence[0]?.file ?? '') ||
      (a.evidence[0]?.line ?? 0) - (b.evidence[0]?.line ?? 0),
  );
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    score,
    categories,
    findings: sorted.filter((f) => !f.suppressed),
    suppressed: sorted.filter((f) => f.suppressed),
    notApplicable,
    rulesRun: selected.length,
  };
}

function suppressionFor(f: Finding, comments: Suppression[], ignores: { rule: string; path?: string; reason: string }[]): Finding['suppressed'] | undefined {
  for (const ig of ignores) {
    if (ig.rule !== f.ruleId) continue;
    if (!ig.path || f.evidence.some((e) => e.file === ig.path || e.file.startsWith(ig.path!.replace(/\/?$/, '/')))) return { by: 'config', reason: ig.reason };
  }
  for (const c of comments) {
    if (c.ruleId !== f.ruleId) continue;
    // A comment covers its own line and the next one.
    if (f.evidence.some((e) => e.file === c.file && (e.line === c.line || e.line === c.line + 1))) return { by: 'comment', reason: c.reason };
  }
  return undefined;
}

/** True when a finding at or above `threshold` is active. */
export function failsAt(result: AuditResult, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  const limit = SEVERITIES.indexOf(threshold);
  return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
}

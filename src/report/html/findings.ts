/**
 * The findings part of an HTML report as plain data: categories (each with an anchor), within each the
 * findings grouped by severity, each with its evidence excerpts, its message and fix rendered from
 * Markdown and its documentation link; then the passed, not-applicable and suppressed rules or checks.
 */
import type { EngineResult } from '../../audit/runner.js';
import { SEVERITIES, type Finding, type RuleMeta, type Severity } from '../../audit/types.js';
import { docsUrl } from '../../model/links.js';
import { evidenceLabel, isRequestEvidence } from '../evidence.js';
import { excerpt, type ExcerptLine, type SourceReader } from './excerpt.js';
import { markdownBlock, markdownInline } from './markdown.js';

export interface EvidenceView {
  label: string;
  excerpt: ExcerptLine[] | null;
}

export interface FindingView {
  anchor: string;
  severity: Severity;
  ruleId: string;
  titleHtml: string;
  messageHtml: string;
  fixHtml: string;
  docsUrl: string;
  evidence: EvidenceView[];
  equivalents: readonly string[];
  suppressed: string | null;
}

export interface SeverityGroup {
  severity: Severity;
  anchor: string;
  findings: FindingView[];
}

export interface CategoryView {
  id: string;
  title: string;
  anchor: string;
  score: number | null;
  rules: number;
  failed: number;
  groups: SeverityGroup[];
}

export interface RuleView {
  id: string;
  title: string;
  category: string;
  docsUrl: string;
  reason: string | null;
}

export interface FindingsView {
  /** "rules" (audit, report) or "checks" (verify). */
  noun: 'rules' | 'checks';
  /** How many rules or checks ran. */
  ran: number;
  categories: CategoryView[];
  counts: Record<Severity, number>;
  passed: RuleView[];
  notApplicable: RuleView[];
  suppressed: FindingView[];
}

export interface FindingsOptions {
  noun: 'rules' | 'checks';
  /** Folder of the docs pages: docs/rules or docs/verify. */
  docsDir: string;
  /** Where evidence files are read from for the code excerpts (none: no excerpts). */
  source: SourceReader | null;
}

export function findingsView(result: EngineResult, catalog: readonly RuleMeta[], o: FindingsOptions): FindingsView {
  let n = 0;
  const view = (f: Finding) => findingView(f, `f-${++n}-${f.ruleId}`, o.source);
  const active = result.findings.map(view);
  const categories: CategoryView[] = result.categories
    .filter((c) => c.score !== null)
    .map((c) => {
      const mine = active.filter((f, i) => result.findings[i]?.category === c.id);
      const groups = SEVERITIES.map((s) => ({ severity: s, anchor: `cat-${c.id}-${s}`, findings: mine.filter((f) => f.severity === s) })).filter((g) => g.findings.length > 0);
      return { id: c.id, title: c.title, anchor: `cat-${c.id}`, score: c.score, rules: c.rules, failed: c.failed, groups };
    });
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  return { noun: o.noun, ran: result.rulesRun, categories, counts, ...ruleLists(result, catalog, o.docsDir), suppressed: result.suppressed.map(view) };
}

function ruleLists(result: EngineResult, catalog: readonly RuleMeta[], docsDir: string): { passed: RuleView[]; notApplicable: RuleView[] } {
  const byId = new Map(catalog.map((r) => [r.id, r]));
  const titles = new Map(result.categories.map((c) => [c.id, c.title]));
  const rule = (id: string, reason: string | null): RuleView => {
    const meta = byId.get(id);
    return { id, title: meta?.title ?? id, category: meta ? (titles.get(meta.category) ?? meta.category) : '', docsUrl: docsUrl(`${docsDir}/${id}.md`), reason };
  };
  const failed = new Set([...result.findings, ...result.suppressed].map((f) => f.ruleId));
  const na = new Set(result.notApplicable.map((x) => x.ruleId));
  const ran = result.ran ?? catalog.map((r) => r.id);
  return {
    passed: ran.filter((id) => !failed.has(id) && !na.has(id)).map((id) => rule(id, null)),
    notApplicable: result.notApplicable.map((x) => rule(x.ruleId, x.reason)),
  };
}

function findingView(f: Finding, anchor: string, source: SourceReader | null): FindingView {
  const secret = f.category === 'secrets' || /secret|password|cookie/.test(f.ruleId);
  return {
    anchor,
    severity: f.severity,
    ruleId: f.ruleId,
    titleHtml: markdownInline(f.title),
    messageHtml: markdownInline(f.message),
    fixHtml: markdownBlock(f.fix),
    docsUrl: docsUrl(f.docs),
    evidence: f.evidence.map((e) => ({
      label: isRequestEvidence(e) ? evidenceLabel(e) : `${e.file}:${e.line}`,
      excerpt: source && !isRequestEvidence(e) ? excerpt(source, e.file, e.line, { secret }) : null,
    })),
    equivalents: f.equivalents,
    suppressed: f.suppressed ? `${f.suppressed.by === 'config' ? 'phoenix-ops.yaml' : 'an inline comment'}: ${f.suppressed.reason}` : null,
  };
}

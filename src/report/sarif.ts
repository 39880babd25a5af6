/**
 * `audit --format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it — every rule of the
 * catalog with help text, results with a physical location (`region.startLine`) and fingerprints.
 * A file's `uri` is relative to the root of the repository that holds the project (`%SRCROOT%`),
 * whatever folder was audited, so code scanning places it on the right file of a monorepo.
 * `verify` uses it too: its evidence is a request, so a location is logical — the URL, as a
 * resource — with the request and the deciding answer as the location's message.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult } from '../audit/engine.js';
import type { RuleMeta, Severity } from '../audit/types.js';
import { docsUrl, HOMEPAGE_URL } from '../model/links.js';
import { VERSION } from '../model/version.js';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub's security-severity scale (0–10) for the severity badge. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

export interface SarifOptions {
  /** The audited folder's path from the repository root (`apps/shop`; '' when it is the root). */
  sourcePrefix?: string;
  /** Where the catalog's pages are (docs/rules, docs/verify). */
  docsDir?: string;
}

type Location = NonNullable<Result['locations']>[number];

/** A location of a piece of evidence: a line of a file, or a URL that was requested. */
function locationOf(e: AuditResult['findings'][number]['evidence'][number], prefix: string): Location {
  if ('request' in e && e.request !== undefined) {
    return { logicalLocations: [{ fullyQualifiedName: e.file, kind: 'resource' }], message: { text: `${e.request} → ${e.response ?? ''}` } };
  }
  const uri = prefix ? `${prefix.replace(/\/+$/, '')}/${e.file}` : e.file;
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, e.line) } } };
}

export function buildSarif(result: AuditResult, catalog: readonly RuleMeta[], opts: SarifOptions = {}): Log {
  const docsDir = opts.docsDir ?? 'docs/rules';
  const rules: ReportingDescriptor[] = catalog.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\n\nHow to fix: ${r.fix}`, markdown: `${r.description}\n\n**How to fix:** ${r.fix}\n\nSee [${r.id}](${docsUrl(`${docsDir}/${r.id}.md`)}).` },
    helpUri: docsUrl(`${docsDir}/${r.id}.md`),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: [r.category, 'phoenix', 'production-readiness'], precision: 'high', 'security-severity': SECURITY_SEVERITY[r.severity] },
  }));
  const index = new Map(catalog.map((r, i) => [r.id, i]));
  const results: Result[] = result.findings.map((f) => {
    const locs: typeof f.evidence = f.evidence.length ? f.evidence : [{ file: 'mix.exs', line: 1 }];
    const res: Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: `${f.message}. Fix: ${f.fix}` },
      locations: locs.map((e) => locationOf(e, opts.sourcePrefix ?? '')),
      partialFingerprints: { 'phoenixOps/v1': f.fingerprint },
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) res.ruleIndex = i;
    return res;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'phoenix-ops', version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE_URL, rules } },
        // No absolute path of this machine: the consumer (code scanning) knows where its checkout is.
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository that holds the audited project.' } } },
        results,
      },
    ],
  };
}

export function formatSarif(result: AuditResult, catalog: readonly RuleMeta[], opts: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(result, catalog, opts), null, 2);
}

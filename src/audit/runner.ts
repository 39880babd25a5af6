/**
 * The one engine of audit rules and verify checks (Lighthouse's runner, ESLint's single report path):
 * select the definitions, resolve each one's required artifacts (a missing one answers "not
 * applicable" with its reason and the check never runs), run `check` with the artifacts narrowed,
 * format every hit's message from its template, fingerprint it, mark suppressed findings, and score
 * the outcomes. A definition that throws (or reports a message it does not declare) becomes one
 * internal-error finding and the others still run.
 */
import { didYouMean } from '../model/did-you-mean.js';
import { reasonOf, type Definition, type Hit, type Requirement, type Vocabulary } from './contract.js';
import { defaultSnippet, fingerprint, formatMessage } from './messages.js';
import { scoreOutcomes, type CategoryScore, type RuleOutcome } from './scoring.js';
import { SEVERITIES, type Category, type Finding, type Severity } from './types.js';

/** Any definition of a vocabulary, whatever it requires (what a catalog holds). */
type AnyDefinition<Base, Ctx> = Definition<Base, Vocabulary<never>, readonly string[], Ctx>;

export interface RunSpec<In, Base, Ctx> {
  /** How messages and errors name a definition: "rule" (audit) or "check" (verify). */
  noun: 'rule' | 'check';
  /** Folder of the docs pages, relative to the package: docs/rules or docs/verify. */
  docsDir: string;
  /** The fix an internal error suggests. */
  bugReport: string;
  input: In;
  /** What every `check` gets besides its artifacts: `{ profile }` or `{ artifacts }`. */
  base: Base;
  vocabulary: Vocabulary<In>;
  ctx: Ctx;
  /** Why a finding of the definition `id` is suppressed (phoenix-ops.yaml, an inline comment), or undefined. */
  suppression(f: Finding, id: string): Finding['suppressed'];
}

export interface RunOutput {
  findings: Finding[];
  outcomes: RuleOutcome[];
  notApplicable: { ruleId: string; reason: string }[];
  /** Ids of the definitions run, in catalog order (passed ones are those without a finding or a not-applicable answer). */
  ran: string[];
}

/** The catalog minus `skip`, or only `only`; an unknown id is a usage error. */
export function selectDefinitions<D extends { id: string }>(catalog: readonly D[], noun: 'rule' | 'check', only: readonly string[] = [], skip: readonly string[] = []): readonly D[] {
  const known = new Set(catalog.map((d) => d.id));
  for (const id of [...only, ...skip]) {
    if (!known.has(id)) throw Object.assign(new Error(`unknown ${noun} id "${id}" (run \`phoenix-ops explain --list\` for the catalog).${didYouMean(id, [...known])}`), { name: 'UsageError' });
  }
  return catalog.filter((d) => (only.length === 0 || only.includes(d.id)) && !skip.includes(d.id));
}

export function runDefinitions<In, Base extends object, Ctx>(definitions: readonly AnyDefinition<Base, Ctx>[], spec: RunSpec<In, Base, Ctx>): RunOutput {
  const out: RunOutput = { findings: [], outcomes: [], notApplicable: [], ran: [] };
  const resolved = new Map<string, { value: unknown } | { reason: string }>();
  const resolve = (name: string) => {
    let r = resolved.get(name);
    if (!r) {
      const req: Requirement<In, unknown> | undefined = spec.vocabulary[name];
      if (!req) throw new Error(`unknown requirement "${name}"`);
      const value = req.resolve(spec.input);
      r = value === undefined ? { reason: reasonOf(req, spec.input) } : { value };
      resolved.set(name, r);
    }
    return r;
  };
  for (const def of definitions) {
    out.ran.push(def.id);
    let produced: Finding[];
    try {
      const result = runOne(def, spec, resolve);
      if ('notApplicable' in result) {
        out.notApplicable.push({ ruleId: def.id, reason: result.notApplicable });
        out.outcomes.push({ category: def.category, severity: def.severity, applicable: false, passed: true });
        continue;
      }
      produced = result.map((hit) => findingOf(def, hit, spec));
    } catch (e) {
      produced = [internalError(def, e, spec)];
    }
    for (const f of produced) {
      const sup = spec.suppression(f, def.id);
      if (sup) f.suppressed = sup;
    }
    out.findings.push(...produced);
    out.outcomes.push(outcomeOf(def, produced));
  }
  return out;
}

/** Resolves the requirements in order and runs the check: its hits, or the first missing requirement's reason. */
function runOne<In, Base extends object, Ctx>(def: AnyDefinition<Base, Ctx>, spec: RunSpec<In, Base, Ctx>, resolve: (name: string) => { value: unknown } | { reason: string }): Hit[] | { notApplicable: string } {
  const given: Record<string, unknown> = {};
  Object.assign(given, spec.base);
  for (const name of def.requires) {
    const r = resolve(name);
    if ('reason' in r) return { notApplicable: r.reason };
    given[name] = r.value;
  }
  // Every name of `requires` is in `given` with its resolved artifact: what Given<…> promises.
  return def.check(given as Parameters<typeof def.check>[0], spec.ctx);
}

function findingOf<Base, Ctx>(def: AnyDefinition<Base, Ctx>, hit: Hit, spec: { noun: string; docsDir: string }): Finding {
  return {
    ruleId: def.id,
    severity: hit.severity ?? def.severity,
    category: def.category,
    title: def.title,
    message: formatMessage(`${spec.noun} ${def.id}`, def.messages, hit.messageId, hit.data),
    messageId: hit.messageId,
    evidence: hit.evidence,
    fix: hit.fix ?? def.fix,
    docs: `${spec.docsDir}/${def.id}.md`,
    equivalents: def.equivalents,
    fingerprint: fingerprint({ ruleId: def.id, messageId: hit.messageId, file: hit.evidence[0]?.file, snippet: hit.snippet ?? defaultSnippet(hit.data) }),
  };
}

function internalError<Base, Ctx>(def: AnyDefinition<Base, Ctx>, e: unknown, spec: { noun: string; bugReport: string }): Finding {
  const noun = spec.noun;
  return {
    ruleId: 'internal-error',
    severity: 'info',
    category: def.category,
    title: `${noun[0]?.toUpperCase()}${noun.slice(1)} ${def.id} failed`,
    message: `${noun} ${def.id} could not run: ${e instanceof Error ? e.message : String(e)}`,
    evidence: [],
    fix: spec.bugReport,
    docs: 'README.md',
    equivalents: [],
    fingerprint: fingerprint({ ruleId: 'internal-error', messageId: 'failed', file: def.id, snippet: '' }),
  };
}

/** A failed definition weighs as much as its most severe active finding (a mitigated one weighs less). */
function outcomeOf<Base, Ctx>(def: AnyDefinition<Base, Ctx>, produced: Finding[]): RuleOutcome {
  const failing = produced.filter((f) => !f.suppressed && f.ruleId !== 'internal-error');
  const severest = failing.map((f) => f.severity).sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0];
  return { category: def.category, severity: severest ?? def.severity, applicable: true, passed: failing.length === 0 };
}

export interface EngineResult {
  schemaVersion: number;
  score: number;
  categories: CategoryScore[];
  /** Active findings, most severe first. */
  findings: Finding[];
  suppressed: Finding[];
  notApplicable: { ruleId: string; reason: string }[];
  rulesRun: number;
  /** Ids of the rules or checks run (the HTML report lists the passed ones); absent in hand-built results. */
  ran?: readonly string[];
}

/** Scores the outcomes over `categories`, sorts the findings with `compare` and splits off the suppressed ones. */
export function assemble(run: RunOutput, o: { schemaVersion: number; categories: readonly Category[]; rulesRun: number; compare: (a: Finding, b: Finding) => number }): EngineResult {
  const { score, categories } = scoreOutcomes(run.outcomes, o.categories);
  const sorted = run.findings.sort(o.compare);
  return {
    schemaVersion: o.schemaVersion,
    score,
    categories,
    findings: sorted.filter((f) => !f.suppressed),
    suppressed: sorted.filter((f) => f.suppressed),
    notApplicable: run.notApplicable,
    rulesRun: o.rulesRun,
    ran: run.ran,
  };
}

/** Most severe first. */
export function bySeverity(a: Finding, b: Finding): number {
  const order = (s: Severity) => SEVERITIES.indexOf(s);
  return order(a.severity) - order(b.severity);
}

/** Code-point order, not localeCompare: the same on every machine whatever its locale (and no ICU collator to load). */
export function codePoint(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

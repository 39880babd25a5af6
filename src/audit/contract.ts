/**
 * The one contract of audit rules and verify checks (ESLint's rule shape, Lighthouse's required
 * artifacts): a definition is metadata, message templates and a pure `check` that reports hits; it
 * declares in `requires` the artifacts it needs, and the engine (./runner.ts) resolves each one before
 * calling `check` — a missing one answers "not applicable" with that requirement's reason — and hands
 * them to `check` narrowed and typed. The audit's vocabulary is over a Profile (./requirements.ts),
 * verify's over the gathered artifacts (verify/requirements.ts).
 */
import type { MessageData } from './messages.js';
import type { FindingEvidence, NotApplicable, RuleMeta, Severity } from './types.js';

/** What a rule or a check reports; the engine formats the message from its template and `data`. */
export interface Hit {
  /** Key of the definition's `messages`. */
  messageId: string;
  /** Values for the template's `{{placeholders}}`. */
  data?: MessageData;
  /**
   * What was found, stable and value-free (module, pipeline, env var names, `[[services]] #2`…),
   * for the fingerprint: never a line number, a secret or a value the user tunes. Default: the
   * sorted `data` values with digits normalized.
   */
  snippet?: string;
  evidence: FindingEvidence[];
  /** Overrides the definition's default fix for this finding. */
  fix?: string;
  /** Overrides the definition's severity for this finding (e.g. lower when something else mitigates it). */
  severity?: Severity;
}

/** An artifact a definition may require: how to get it from the input, and what to answer without it. */
export interface Requirement<In, T> {
  /** What holds when the artifact is there (docs, `explain`). */
  description: string;
  /** The "not applicable" answer without it: a fixed sentence, or one naming what was tried. */
  reason: string | ((input: In) => string);
  /** The artifact, or undefined when the input has none. */
  resolve(input: In): T | undefined;
}

/** A named set of requirements over one kind of input. */
export type Vocabulary<In> = Readonly<Record<string, Requirement<In, unknown>>>;

/** The artifact a requirement gives. */
export type ArtifactOf<V, N extends keyof V> = V[N] extends Requirement<never, infer T> ? T : never;

/** What `check` receives: the input (`{ profile }`, `{ artifacts }`) and every required artifact, present and typed. */
export type Given<Base, V, R extends readonly (keyof V)[]> = Base & { readonly [N in R[number]]: ArtifactOf<V, N> };

export interface Definition<Base, V, R extends readonly (keyof V)[], Ctx> extends RuleMeta {
  /** Artifacts the definition needs, checked in order by the engine: the first missing one answers "not applicable". */
  requires: R;
  /** Message templates keyed by id, with `{{placeholders}}` filled from a hit's `data`. */
  messages: Readonly<Record<string, string>>;
  check(given: Given<Base, V, R>, ctx: Ctx): Hit[] | NotApplicable;
}

/** The requirement's answer when the input lacks the artifact. */
export function reasonOf<In>(req: Requirement<In, unknown>, input: In): string {
  return typeof req.reason === 'string' ? req.reason : req.reason(input);
}

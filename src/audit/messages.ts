/**
 * Messages, ESLint `meta.messages` style, for rules and checks alike: a definition declares templates
 * keyed by id (`'{{module}} sets hsts: false'`), a hit names one and gives the values, and the engine
 * formats it. The fingerprint of a finding is taken over the message id and a value-free snippet,
 * never the wording, so rewording a template keeps baselines and suppressions.
 */
import { createHash } from 'node:crypto';

/** Values for a template's placeholders (an undefined value counts as missing). */
export type MessageData = Readonly<Record<string, string | number | undefined>>;

/** `{{name}}` (spaces inside the braces allowed); names are identifiers. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholder names of a template, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].flatMap((m) => (m[1] ? [m[1]] : [])))];
}

/** Text that looks like a placeholder but is not one (`{{ }}`, `{{a-b}}`, an unclosed `{{x`). */
export function malformedPlaceholders(template: string): string[] {
  return [...template.replace(PLACEHOLDER, '').matchAll(/\{\{[^}]*\}?\}?/g)].map((m) => m[0]);
}

/**
 * Fills a message template of a definition (`owner` names it in errors: "rule csp-missing", "check
 * redirect-loop"); a missing message id or value is a bug in the definition and throws.
 */
export function formatMessage(owner: string, messages: Readonly<Record<string, string>>, messageId: string, data: MessageData = {}): string {
  const template = Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
  if (template === undefined) throw new Error(`${owner} reported an unknown message id "${messageId}"`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message "${messageId}" of ${owner} has no value for {{${name}}}`);
    return String(value);
  });
}

/** Digits become '#': counts, ports, versions and line numbers do not make a finding new. */
const normalizeDigits = (s: string) => s.replace(/\d+/g, '#');

/** The snippet of a hit that names none: its data values, sorted, digits normalized. */
export function defaultSnippet(data: MessageData = {}): string {
  return Object.values(data)
    .filter((v) => v !== undefined)
    .map((v) => normalizeDigits(String(v)))
    .sort()
    .join('\u0001');
}

export interface FingerprintParts {
  ruleId: string;
  messageId: string;
  /** The first evidence's file (verify: the URL). */
  file: string | undefined;
  /** What was found, without values or line numbers (a hit's own, or `defaultSnippet` of its data). */
  snippet: string;
}

/** Stable id of a finding (audit or verify) for baselines and suppressions: rule, message id, file and snippet. */
export function fingerprint(p: FingerprintParts): string {
  return createHash('sha256').update([p.ruleId, p.messageId, p.file ?? '', p.snippet].join('\0')).digest('hex').slice(0, 16);
}

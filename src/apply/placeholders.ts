/**
 * Placeholders in steps (tokens defined in ../targets/shared/placeholders.ts), resolved only here, by
 * `apply`, just before a step runs; `plan` shows them in words through `explainPlaceholders`.
 * Generated and asked-for values may appear only in a step's stdin: a secret in argv is visible in `ps`.
 */
import { quoteFlySecret } from './fly-secrets-quote.js';

const TOKEN = /\{\{(generate|input|output|build):([^}]+)\}\}/g;

export type PlaceholderKind = 'generate' | 'input' | 'output' | 'build';

export interface PlaceholderRef {
  kind: PlaceholderKind;
  /** secret-key-base | release-cookie, an env name, STEP.KEY, or image-tag */
  name: string;
  token: string;
}

const KINDS: ReadonlySet<string> = new Set<PlaceholderKind>(['generate', 'input', 'output', 'build']);

function isKind(kind: string | undefined): kind is PlaceholderKind {
  return kind !== undefined && KINDS.has(kind);
}

/** The placeholder a TOKEN match is (every match is one: the pattern lists the kinds). */
function refOf(m: RegExpMatchArray): PlaceholderRef | null {
  const [token, kind, name] = m;
  return isKind(kind) && name !== undefined ? { kind, name, token } : null;
}

export function placeholderRefs(text: string): PlaceholderRef[] {
  return [...text.matchAll(TOKEN)].flatMap((m) => refOf(m) ?? []);
}

const GENERATED_WORDS: Record<string, string> = {
  'secret-key-base': 'a 64-byte random value generated at apply time',
  'release-cookie': 'a 32-byte random cookie generated at apply time',
};

/** One placeholder in words, e.g. "<a 64-byte random value generated at apply time>". */
export function explainPlaceholder(ref: PlaceholderRef): string {
  if (ref.kind === 'generate') return `<${GENERATED_WORDS[ref.name] ?? `a random ${ref.name} generated at apply time`}>`;
  if (ref.kind === 'build') return '<the image tag chosen at apply time: the git commit of a clean checkout, else a digest of the build context>';
  if (ref.kind === 'input') return `<${ref.name}, asked at apply time (hidden) or read from $${ref.name} in CI>`;
  const dot = ref.name.indexOf('.');
  const step = dot < 0 ? ref.name : ref.name.slice(0, dot);
  const key = dot < 0 ? 'value' : ref.name.slice(dot + 1);
  return `<the ${key} printed by step ${step}>`;
}

/** Every placeholder of a text replaced by its explanation. */
export function explainPlaceholders(text: string): string {
  return text.replace(TOKEN, (token: string, kind: string, name: string) => (isKind(kind) ? explainPlaceholder({ kind, name, token }) : token));
}

export interface Resolvers {
  generate(kind: string): string;
  input(name: string): Promise<string>;
  output(step: string, key: string): Promise<string>;
  /** `{{build:image-tag}}`: the tag of the image this apply builds. */
  build(name: string): Promise<string>;
}

export class PlaceholderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

function splitOutput(name: string): [string, string] {
  const dot = name.indexOf('.');
  if (dot <= 0) throw new PlaceholderError(`{{output:${name}}} needs STEP.KEY`);
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/** argv: only outputs of earlier steps and the image tag may be filled in; a generated or asked-for secret is refused. */
export async function resolveArgv(argv: string[], r: Pick<Resolvers, 'output' | 'build'>): Promise<string[]> {
  const out: string[] = [];
  for (const arg of argv) {
    let resolved = arg;
    for (const ref of placeholderRefs(arg)) {
      if (ref.kind === 'build') {
        resolved = resolved.replace(ref.token, await r.build(ref.name));
        continue;
      }
      if (ref.kind !== 'output') throw new PlaceholderError(`${ref.token} in a command line would expose a secret in the process list; it belongs in the step's stdin`);
      const [step, key] = splitOutput(ref.name);
      resolved = resolved.replace(ref.token, await r.output(step, key));
    }
    out.push(resolved);
  }
  return out;
}

/** A resolved value escaped for where the stdin puts it. */
function escaped(value: string, ref: PlaceholderRef, escape: 'json' | 'fly-secrets' | undefined): string {
  if (escape === 'json') return JSON.stringify(value).slice(1, -1);
  if (escape === 'fly-secrets') return quoteFlySecret(ref.name, value);
  return value;
}

/** stdin: every kind of placeholder, optionally escaped for a JSON string or a `fly secrets import` line. */
export async function resolveStdin(text: string, r: Resolvers, escape?: 'json' | 'fly-secrets'): Promise<string> {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const ref = refOf(m);
    if (!ref) continue;
    const { token, kind, name } = ref;
    out += text.slice(last, m.index);
    let value: string;
    if (kind === 'generate') value = r.generate(name);
    else if (kind === 'input') value = await r.input(name);
    else if (kind === 'build') value = await r.build(name);
    else {
      const [step, key] = splitOutput(name);
      value = await r.output(step, key);
    }
    // The variable a `NAME=` line gives the value to (named in a refusal), else the placeholder's own name.
    const before = text.slice(text.lastIndexOf('\n', (m.index ?? 0) - 1) + 1, m.index);
    out += escaped(value, before.endsWith('=') && !before.includes(' ') ? { ...ref, name: before.slice(0, -1) } : ref, escape);
    last = (m.index ?? 0) + token.length;
  }
  return out + text.slice(last);
}

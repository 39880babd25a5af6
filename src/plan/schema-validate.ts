/**
 * Validates `phoenix-ops.yaml` against its JSON Schema (draft 2020-12) with ajv, and turns ajv's errors
 * into sentences written for people (`machine.count must be a whole number from 1 to 100 (got "two")`),
 * each with the path of the setting so the caller can point at the YAML line. ajv decides what is
 * invalid; this module only words it: one sentence per setting, the most telling one first (a wrong
 * constant, then a value outside the enum, then a wrong type, then a range or pattern), "did you mean"
 * for near misses, and the issues in the order their settings appear in the file.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { distance } from 'fastest-levenshtein';
import { PATTERN_HINTS, type JsonSchema, type JsonType } from '../model/config-schema.js';
import { isRecord } from '../model/guards.js';
import { formatPath, type SchemaPath } from './schema-path.js';

export interface SchemaIssue {
  /** Where the problem is: object keys and array indexes from the root. */
  path: SchemaPath;
  /** The whole sentence, starting with the setting's name. */
  message: string;
}

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // allErrors: every problem in one run; verbose: each error carries the value and its schema.
    validate = new Ajv2020({ strict: true, allErrors: true, verbose: true }).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The problems of `value` against `schema`, in file order (`root` is searched for keys in the wrong section). */
export function validateAgainstSchema(schema: JsonSchema, value: unknown, root: JsonSchema = schema): SchemaIssue[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const order = documentOrder(value);
  const issues = describeErrors(validate.errors ?? [], value, root);
  const rank = (i: Ranked) => (i.after ? order.get(key(i.path))?.post : order.get(key(i.path))?.pre) ?? Infinity;
  return issues
    .map((issue, index) => ({ issue, index, rank: rank(issue) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ issue }) => ({ path: issue.path, message: issue.message }));
}

/** An issue, and whether it sorts after everything inside its setting (a missing key, a duplicate item). */
interface Ranked extends SchemaIssue {
  after?: boolean;
}

const key = (path: SchemaPath): string => JSON.stringify(path);

/** Pre- and post-order positions of every setting of the parsed file (keys in file order). */
function documentOrder(value: unknown): Map<string, { pre: number; post: number }> {
  const out = new Map<string, { pre: number; post: number }>();
  let n = 0;
  const walk = (v: unknown, path: SchemaPath): void => {
    const pre = n++;
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (isRecord(v)) for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    out.set(key(path), { pre, post: n++ });
  };
  walk(value, []);
  return out;
}

/** ajv's JSON pointer (`/targets/1`) as a path, array indexes as numbers. */
function pathOf(pointer: string, data: unknown): SchemaPath {
  const path: SchemaPath = [];
  let cur = data;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      path.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      path.push(seg);
      cur = isRecord(cur) ? cur[seg] : undefined;
    }
  }
  return path;
}

/** Keywords about one value, most telling first: only the first that fails is reported. */
const VALUE_KEYWORDS = ['const', 'enum', 'type', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'];

function describeErrors(errors: ErrorObject[], data: unknown, root: JsonSchema): Ranked[] {
  // A key that is not a valid name is reported once, as a key: its value is not checked.
  const badKeys = errors.filter((e) => e.keyword === 'propertyNames').map((e) => [...pathOf(e.instancePath, data), String(e.params.propertyName)]);
  const underBadKey = (path: SchemaPath) => badKeys.some((k) => k.length <= path.length && k.every((s, i) => s === path[i]));
  const out: Ranked[] = [];
  const valueErrors = new Map<string, { path: SchemaPath; error: ErrorObject }>();
  for (const e of errors) {
    if ('propertyName' in e) continue; // the inner error of a propertyNames failure
    const path = pathOf(e.instancePath, data);
    if (VALUE_KEYWORDS.includes(e.keyword)) {
      // One sentence per value: the most telling keyword it breaks.
      const seen = valueErrors.get(key(path));
      if (!underBadKey(path) && (!seen || VALUE_KEYWORDS.indexOf(e.keyword) < VALUE_KEYWORDS.indexOf(seen.error.keyword))) valueErrors.set(key(path), { path, error: e });
    } else if (e.keyword === 'propertyNames' || !underBadKey(e.keyword === 'additionalProperties' ? [...path, String(e.params.additionalProperty)] : path)) {
      out.push(...structureIssues(e, path, root));
    }
  }
  for (const { path, error } of valueErrors.values()) out.push(valueIssue(error, path));
  return out;
}

/** Sentences about keys, required settings and lists. */
function structureIssues(e: ErrorObject, path: SchemaPath, root: JsonSchema): Ranked[] {
  const name = nameOf(path);
  const schema: JsonSchema = e.parentSchema ?? {};
  switch (e.keyword) {
    case 'propertyNames': {
      const k = String(e.params.propertyName);
      const pattern = schema.propertyNames?.pattern;
      const hint = pattern === undefined ? undefined : PATTERN_HINTS[pattern];
      return [{ path: [...path, k], message: `${name} key ${JSON.stringify(k)} must be ${hint ?? 'a valid name'}` }];
    }
    case 'additionalProperties': {
      const k = String(e.params.additionalProperty);
      return [{ path: [...path, k], message: unknownKeyMessage(path, k, Object.keys(schema.properties ?? {}), root) }];
    }
    case 'required': {
      const req = String(e.params.missingProperty);
      const description = schema.properties?.[req]?.description;
      return [{ path, after: true, message: `${name} is missing ${req}${description ? ` (${lowerFirst(description)})` : ''}` }];
    }
    case 'minItems':
      return [{ path, message: `${name} must list at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` }];
    case 'maxItems':
      return [{ path, message: `${name} must list at most ${schema.maxItems} items` }];
    case 'uniqueItems':
      return duplicates(e.data).map(([i, item]) => ({ path: [...path, i], after: true, message: `${name} lists ${describe(item)} more than once` }));
    default:
      return [{ path, message: `${name} ${e.message ?? 'is invalid'}` }];
  }
}

/** The items that repeat an earlier one, with their indexes. */
function duplicates(list: unknown): [number, unknown][] {
  const out: [number, unknown][] = [];
  if (!Array.isArray(list)) return out;
  const seen = list.map((item) => JSON.stringify(item));
  seen.forEach((s, i) => {
    if (seen.indexOf(s) < i) out.push([i, list[i]]);
  });
  return out;
}

/** The sentence for a value that breaks `e` (const, enum, type, range, length or pattern). */
function valueIssue(e: ErrorObject, path: SchemaPath): SchemaIssue {
  const schema: JsonSchema = e.parentSchema ?? {};
  const value: unknown = e.data;
  const fail = (expected: string, extra = ''): SchemaIssue => ({ path, message: `${nameOf(path)} must be ${expected} (got ${describe(value)})${extra}` });
  switch (e.keyword) {
    case 'const':
      return fail(literal(schema.const ?? null));
    case 'enum': {
      const options = [...(schema.enum ?? [])];
      return fail(`${options.length > 2 ? 'one of ' : ''}${joinOr(options.map(literal))}`, enumHint(value, options));
    }
    case 'type': {
      const quoteHint =
        typesOf(schema).includes('string') && (typeof value === 'number' || typeof value === 'boolean')
          ? `; put it in quotes: ${JSON.stringify(String(value))}`
          : '';
      return fail(expectation(schema), quoteHint);
    }
    case 'minLength':
      return fail(schema.minLength === 1 ? 'a non-empty string' : `at least ${schema.minLength} characters long`);
    case 'maxLength':
      return fail(`at most ${schema.maxLength} characters long`);
    case 'pattern':
      return fail((schema.pattern === undefined ? undefined : PATTERN_HINTS[schema.pattern]) ?? `text matching /${schema.pattern}/`);
    default: // minimum, maximum
      return fail(expectation(schema));
  }
}

/** "; did you mean postgres?" for a near miss, and for YAML 1.1 booleans (`yes`, `off`), plain text in YAML 1.2. */
function enumHint(value: unknown, options: (string | number | boolean | null)[]): string {
  if (typeof value !== 'string') return '';
  let near = nearest(
    value,
    options.filter((v): v is string => typeof v === 'string'),
  );
  if (near === null && options.includes(true)) {
    if (/^(yes|y|on)$/i.test(value)) near = 'true';
    if (/^(no|n|off)$/i.test(value)) near = 'false';
  }
  return near === null ? '' : `; did you mean ${near}?`;
}

function nameOf(path: SchemaPath): string {
  return path.length === 0 ? 'the file' : formatPath(path);
}

function unknownKeyMessage(parent: SchemaPath, key: string, siblings: string[], root: JsonSchema): string {
  if (key.trim() === '') return `${nameOf(parent)} has an empty key`;
  const full = formatPath([...parent, key]);
  const near = nearest(key, siblings);
  if (near !== null) return `unknown key ${full}; did you mean ${formatPath([...parent, near])}?`;
  // The key may belong to another section (e.g. `count:` at the top level instead of under `machine:`).
  const elsewhere = findProperty(root, key, []);
  if (elsewhere !== null) return `unknown key ${full}; did you mean ${formatPath(elsewhere)}?`;
  const where = parent.length === 0 ? 'at the top level' : `under ${formatPath(parent)}`;
  return `unknown key ${full}; valid keys ${where}: ${siblings.join(', ')}`;
}

function findProperty(schema: JsonSchema, key: string, path: string[]): string[] | null {
  for (const name of Object.keys(schema.properties ?? {})) {
    if (normalize(name) === normalize(key)) return [...path, name];
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const found = findProperty(child, key, [...path, name]);
    if (found) return found;
  }
  return null;
}

function typesOf(schema: JsonSchema): readonly JsonType[] {
  return schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
}

/** The closest candidate by edit distance (ignoring case, `_` and `-`), or null when none is close. */
export function nearest(input: string, candidates: readonly string[]): string | null {
  const a = normalize(input);
  if (a === '') return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(a, normalize(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(a.length, 3) / 3));
  if (best !== null && (bestDistance <= limit || normalize(best).startsWith(a) || a.startsWith(normalize(best)))) return best;
  return null;
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, '');
}

function expectation(schema: JsonSchema): string {
  const types = typesOf(schema);
  const parts = types.filter((t) => t !== 'null').map((t) => typeWords(t, schema));
  if (types.includes('null')) parts.push('null');
  return joinOr(parts);
}

function typeWords(type: JsonType, schema: JsonSchema): string {
  switch (type) {
    case 'integer':
      return `a whole number${range(schema)}`;
    case 'number':
      return `a number${range(schema)}`;
    case 'string':
      return (schema.pattern === undefined ? undefined : PATTERN_HINTS[schema.pattern]) ?? 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list';
    case 'null':
      return 'null';
  }
}

function range(schema: JsonSchema): string {
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function literal(v: string | number | boolean | null): string {
  return v === null ? 'null' : String(v);
}

function joinOr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

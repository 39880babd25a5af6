/**
 * A small validator for the JSON Schema subset in `config-schema.ts`: types, enum/const, numeric ranges,
 * string length and patterns, required, additionalProperties (false or a schema), propertyNames, items,
 * minItems/maxItems and uniqueItems. It returns issues with a path, so the caller can point at the YAML line,
 * and messages written for people (`machine.count must be a whole number from 1 to 100 (got "two")`).
 */
import { PATTERN_HINTS, type JsonSchema, type JsonType } from '../model/config-schema.js';

export type SchemaPath = (string | number)[];

export interface SchemaIssue {
  /** Where the problem is: object keys and array indexes from the root. */
  path: SchemaPath;
  /** The whole sentence, starting with the setting's name. */
  message: string;
}

/** `machine.count`, `audit.ignore[0].rule`, `env.MY_VAR`. */
export function formatPath(path: SchemaPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export function validateAgainstSchema(schema: JsonSchema, value: unknown, root: JsonSchema = schema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, [], root, issues);
  return issues;
}

function check(schema: JsonSchema, value: unknown, path: SchemaPath, root: JsonSchema, issues: SchemaIssue[]): void {
  const name = path.length === 0 ? 'the file' : formatPath(path);
  const fail = (expected: string, extra = ''): void => {
    issues.push({ path, message: `${name} must be ${expected} (got ${describe(value)})${extra}` });
  };

  if (schema.const !== undefined && value !== schema.const) {
    fail(literal(schema.const));
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((v) => v === value)) {
    const options = [...schema.enum];
    const strings = options.filter((v): v is string => typeof v === 'string');
    let near = typeof value === 'string' ? nearest(value, strings) : null;
    // YAML 1.1 booleans are plain text in YAML 1.2.
    if (near === null && typeof value === 'string' && options.includes(true)) {
      if (/^(yes|y|on)$/i.test(value)) near = 'true';
      if (/^(no|n|off)$/i.test(value)) near = 'false';
    }
    fail(`${options.length > 2 ? 'one of ' : ''}${joinOr(options.map(literal))}`, near === null ? '' : `; did you mean ${near}?`);
    return;
  }
  const actual = jsonType(value);
  if (schema.type !== undefined && !typeOk(actual, schema.type)) {
    const quoteHint =
      typeOk('string', schema.type) && (typeof value === 'number' || typeof value === 'boolean')
        ? `; put it in quotes: ${JSON.stringify(String(value))}`
        : '';
    fail(expectation(schema), quoteHint);
    return;
  }

  if (typeof value === 'number') {
    if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) {
      fail(expectation(schema));
    }
    return;
  }

  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      fail(schema.minLength === 1 ? 'a non-empty string' : `at least ${schema.minLength} characters long`);
      return;
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      fail(`at most ${schema.maxLength} characters long`);
      return;
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      fail(PATTERN_HINTS[schema.pattern] ?? `text matching /${schema.pattern}/`);
    }
    return;
  }

  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      issues.push({ path, message: `${name} must list at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` });
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      issues.push({ path, message: `${name} must list at most ${schema.maxItems} items` });
    }
    value.forEach((item, i) => {
      if (schema.items) check(schema.items, item, [...path, i], root, issues);
      if (schema.uniqueItems) {
        const first = value.findIndex((other) => deepEqual(other, item));
        if (first < i) issues.push({ path: [...path, i], message: `${name} lists ${describe(item)} more than once` });
      }
    });
    return;
  }

  if (isPlainObject(value)) {
    const props = schema.properties ?? {};
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      if (schema.propertyNames) {
        const keyIssues: SchemaIssue[] = [];
        check(schema.propertyNames, key, childPath, root, keyIssues);
        if (keyIssues.length > 0) {
          const hint = schema.propertyNames.pattern ? PATTERN_HINTS[schema.propertyNames.pattern] : undefined;
          issues.push({ path: childPath, message: `${name} key ${JSON.stringify(key)} must be ${hint ?? 'a valid name'}` });
          continue;
        }
      }
      const propSchema = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
      if (propSchema) {
        check(propSchema, child, childPath, root, issues);
      } else if (schema.additionalProperties === false) {
        issues.push({ path: childPath, message: unknownKeyMessage(path, key, Object.keys(props), root) });
      } else if (typeof schema.additionalProperties === 'object') {
        check(schema.additionalProperties, child, childPath, root, issues);
      }
    }
    for (const req of schema.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(value, req)) {
        issues.push({ path, message: `${name} is missing ${req}${props[req]?.description ? ` (${lowerFirst(props[req].description)})` : ''}` });
      }
    }
  }
}

function unknownKeyMessage(parent: SchemaPath, key: string, siblings: string[], root: JsonSchema): string {
  if (key.trim() === '') return `${parent.length === 0 ? 'the file' : formatPath(parent)} has an empty key`;
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

/** The closest candidate by edit distance (ignoring case, `_` and `-`), or null when none is close. */
export function nearest(input: string, candidates: readonly string[]): string | null {
  const a = normalize(input);
  if (a === '') return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(a, normalize(candidate));
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

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

function expectation(schema: JsonSchema): string {
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : [...schema.type];
  const nullable = types.includes('null');
  const parts = types.filter((t) => t !== 'null').map((t) => typeWords(t, schema));
  if (nullable) parts.push('null');
  return joinOr(parts);
}

function typeWords(type: JsonType, schema: JsonSchema): string {
  switch (type) {
    case 'integer':
      return `a whole number${range(schema)}`;
    case 'number':
      return `a number${range(schema)}`;
    case 'string':
      return schema.pattern && PATTERN_HINTS[schema.pattern] ? PATTERN_HINTS[schema.pattern] : 'a string';
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

function typeOk(actual: JsonType, expected: JsonType | readonly JsonType[]): boolean {
  const list: readonly JsonType[] = typeof expected === 'string' ? [expected] : expected;
  return list.includes(actual) || (actual === 'integer' && list.includes('number'));
}

function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

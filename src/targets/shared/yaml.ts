/**
 * The YAML emitter every YAML-writing target uses (k8s, cloudrun, github-actions, compose).
 *
 * - YAML 1.1 semantics: strings that a 1.1 reader would take for something else (`yes`, `on`, `no`,
 *   `y`, `0755`, `1_000`…) are quoted, so Kubernetes, Compose and GitHub read what we meant.
 * - Strings shaped like 1.1 sexagesimal numbers (`22:22`, `1:20`) are quoted too, and so is every
 *   `digits:digits` port mapping: the `yaml` package's 1.1 schema leaves them plain, but Compose and
 *   PyYAML-based tools read some of them as base-60 integers.
 * - No line folding (`lineWidth: 0`), so output is stable and long commands stay on one line.
 * - Key order is the caller's: build objects in the conventional order (apiVersion, kind, metadata, spec)
 *   and sort maps whose order carries no meaning (`sortedRecord`).
 * - Comments are the document's own (the header is the comment before its contents, a trailing comment
 *   belongs to its value): every YAML file is built through the `yaml` package's Document API, never by
 *   joining strings.
 */
import { Document, isScalar, visit, type ToStringOptions } from 'yaml';

/** 1.1 sexagesimal numbers and anything shaped like them (`22:22`, `4000:8080`: port mappings). */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-9_]+)+(?:\.[0-9_]*)?$/;

export interface YamlOptions {
  /** Comment lines put above the document (without the leading `#`). */
  header?: string[];
  /** A trailing `# comment` for a `key: value` scalar pair (e.g. the tag after a pinned action SHA). */
  trailingComment?: (key: string, value: string) => string | null;
}

/** The comment lines as the `yaml` package writes them: `# line`, and `#` alone for an empty line. */
function commentText(lines: string[]): string {
  return lines.map((l) => (l === '' ? ' ' : ` ${l}`)).join('\n');
}

/** One YAML document as a `yaml` Document: 1.1 quoting, the header comment and trailing comments set. */
export function yamlDocument(value: unknown, options: YamlOptions = {}): Document {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && SEXAGESIMAL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Pair(_key, pair) {
      if (!options.trailingComment || !isScalar(pair.key) || !isScalar(pair.value)) return;
      const comment = options.trailingComment(String(pair.key.value), String(pair.value.value));
      if (comment) pair.value.comment = ` ${comment}`;
    },
  });
  // On the contents, not the document: a document comment would be followed by a blank line.
  if (options.header?.length && doc.contents) doc.contents.commentBefore = commentText(options.header);
  return doc;
}

const STRINGIFY: ToStringOptions = { lineWidth: 0 };

/** One YAML document, with an optional comment header. Ends with a newline. */
export function toYaml(value: unknown, options: YamlOptions = {}): string {
  return yamlDocument(value, options).toString(STRINGIFY);
}

/** Several documents in one stream, separated by `---`. */
export function toYamlStream(values: unknown[], options: YamlOptions = {}): string {
  const docs = values.map((v, i) => yamlDocument(v, i === 0 ? options : {}));
  // Every document after the first starts with the `---` marker.
  for (const doc of docs.slice(1)) if (doc.directives) doc.directives.docStart = true;
  return docs.map((doc) => doc.toString(STRINGIFY)).join('');
}

/** One JSON 6902 operation of a kustomize inline patch. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: string | number;
}

/** A JSON 6902 patch as kustomize's inline `patch:` text: a YAML list of operations, string values double-quoted. */
export function jsonPatchYaml(ops: JsonPatchOp[]): string {
  const doc = new Document(ops, { version: '1.1' });
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'value' && isScalar(pair.value) && typeof pair.value.value === 'string') pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(STRINGIFY);
}

/** A copy of the record with its keys in code-point order (for labels, env maps…). */
export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record).sort(([a], [b]) => compare(a, b))) out[key] = value;
  return out;
}

/** Code-point order (locale-independent, so output is byte-identical everywhere). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

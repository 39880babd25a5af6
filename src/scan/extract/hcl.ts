/**
 * Terraform (HCL) files read through tree-sitter: the grammar `@tree-sitter-grammars/tree-sitter-hcl`
 * ships as a 90 KB `.wasm` for the `web-tree-sitter` runtime the Elixir parser already uses, and it
 * gives positions (for evidence), which a JSON conversion such as `@cdktf/hcl2json` does not. It is
 * loaded only when a project holds a `.tf` file worth reading.
 *
 * A document becomes plain blocks: type, labels, literal attributes (an expression such as
 * `var.x ? "a" : "b"` or `"${var.x}"` is `undefined`: not a value the file fixes) and nested blocks.
 */
import { createRequire } from 'node:module';
import type { Node, Parser as ParserT } from 'web-tree-sitter';

export type HclValue = string | number | boolean | undefined;

export interface HclBlock {
  /** `resource`, `default_action`, `redirect`… */
  type: string;
  /** `resource "aws_lb_listener" "http"` → ['aws_lb_listener', 'http']. */
  labels: string[];
  /** 1-based line of the block's first line. */
  line: number;
  /** Attributes whose value is a literal (string without interpolation, number, bool). */
  attributes: Record<string, HclValue>;
  blocks: HclBlock[];
}

let parser: Promise<ParserT> | null = null;

async function loadParser(): Promise<ParserT> {
  const require = createRequire(import.meta.url);
  const { Language, Parser } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/** Loaded HCL parser (once); null until `loadHclParser` resolved. */
let ready: ParserT | null = null;

export async function loadHclParser(): Promise<void> {
  parser ??= loadParser();
  ready = await parser;
}

/** A string literal's text, or undefined when it interpolates (`"${var.x}"`) or is a heredoc. */
function stringValue(n: Node): string | undefined {
  if (n.type !== 'string_lit') return undefined;
  const parts = n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  if (parts.some((c) => c.type !== 'template_literal')) return undefined;
  return parts.map((c) => c.text).join('');
}

/** An attribute's expression as a literal value, or undefined when it is computed. */
function literal(expr: Node | null): HclValue {
  const lit = expr?.type === 'expression' && expr.namedChildCount === 1 ? expr.namedChild(0) : null;
  const v = lit?.type === 'literal_value' && lit.namedChildCount === 1 ? lit.namedChild(0) : null;
  if (!v) return undefined;
  if (v.type === 'numeric_lit') return Number(v.text);
  if (v.type === 'bool_lit') return v.text === 'true';
  return stringValue(v);
}

function block(n: Node): HclBlock {
  const kids = n.namedChildren.filter((c): c is Node => c !== null);
  const out: HclBlock = { type: kids[0]?.text ?? '', labels: [], line: n.startPosition.row + 1, attributes: {}, blocks: [] };
  for (const c of kids.slice(1)) {
    if (c.type === 'string_lit') out.labels.push(stringValue(c) ?? c.text);
    else if (c.type === 'identifier') out.labels.push(c.text);
    else if (c.type === 'body') Object.assign(out, bodyOf(c, out));
  }
  return out;
}

function bodyOf(body: Node, into: HclBlock): Pick<HclBlock, 'attributes' | 'blocks'> {
  for (const c of body.namedChildren) {
    // A block the grammar could not read whole (a syntax error inside) says nothing reliable.
    if (c?.type === 'block' && !c.hasError) into.blocks.push(block(c));
    else if (c?.type === 'attribute') {
      const key = c.namedChild(0)?.text;
      if (key) into.attributes[key] = literal(c.namedChild(1));
    }
  }
  return into;
}

/** The top-level blocks of a Terraform file that parse (a block with a syntax error is left out). Call `loadHclParser` first. */
export function hclBlocks(text: string): HclBlock[] {
  if (!ready) throw new Error('the HCL parser is used before loadHclParser() loaded it');
  const tree = ready.parse(text);
  if (!tree) return [];
  try {
    const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
    if (!body) return [];
    const top: HclBlock = { type: '', labels: [], line: 1, attributes: {}, blocks: [] };
    return bodyOf(body, top).blocks;
  } finally {
    tree.delete();
  }
}

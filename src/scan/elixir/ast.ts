/**
 * Small readers over tree-sitter-elixir nodes: call names, arguments, do-blocks, module bodies.
 * They only describe syntax; meaning is given by the extractors.
 */
import { kids, lineOf, type Node } from './parser.js';

/** `config`, `System.get_env`, `Mix.env`, `env!.` (anonymous call), or null when not a call. */
export function callName(node: Node): string | null {
  if (node.type !== 'call') return null;
  const target = node.childForFieldName('target');
  if (!target) return null;
  if (target.type === 'identifier') return target.text;
  if (target.type === 'dot') {
    const left = target.childForFieldName('left');
    const right = target.childForFieldName('right');
    if (!left) return null;
    if (!right) return `${left.text}.`; // anonymous call: fun.(args)
    return `${left.text}.${right.text}`;
  }
  return null;
}

/** The argument nodes of a call (comments skipped). */
export function callArgs(node: Node): Node[] {
  const args = node.children.find((c) => c?.type === 'arguments');
  return kids(args ?? null);
}

/** The statements of a call's `do … end` block (before any else/rescue). */
export function doStatements(node: Node): Node[] {
  const block = node.children.find((c) => c?.type === 'do_block');
  if (!block) return [];
  return kids(block).filter((c) => !c.type.endsWith('_block'));
}

/** The statements of the `else` part of `if … do … else … end`. */
export function elseStatements(node: Node): Node[] {
  const block = node.children.find((c) => c?.type === 'do_block');
  if (!block) return [];
  const elseBlock = kids(block).find((c) => c.type === 'else_block');
  return elseBlock ? kids(elseBlock) : [];
}

export function hasDoBlock(node: Node): boolean {
  return node.children.some((c) => c?.type === 'do_block');
}

/** Name of a keyword node (`host: ` → `host`). */
export function keywordName(node: Node): string {
  const text = node.text.trim();
  const bare = text.endsWith(':') ? text.slice(0, -1) : text;
  return bare.startsWith('"') && bare.endsWith('"') ? bare.slice(1, -1) : bare;
}

/** Atom text without the colon (`:foo` → `foo`, `:"a-b"` → `a-b`). */
export function atomName(node: Node): string {
  const t = node.text;
  if (t.startsWith(':"') && t.endsWith('"')) return t.slice(2, -1);
  return t.startsWith(':') ? t.slice(1) : t;
}

/** Keyword pairs passed inline: `foo x, do: y` or a trailing `keywords` argument. */
export function keywordPairs(node: Node | null | undefined): { key: string; value: Node; keyNode: Node }[] {
  if (!node) return [];
  const kwNode = node.type === 'keywords' ? node : null;
  if (!kwNode) return [];
  const out: { key: string; value: Node; keyNode: Node }[] = [];
  for (const pair of kids(kwNode)) {
    if (pair.type !== 'pair') continue;
    const k = pair.childForFieldName('key');
    const v = pair.childForFieldName('value');
    if (k && v) out.push({ key: keywordName(k), value: v, keyNode: k });
  }
  return out;
}

/** Inline `do:` body (`if x, do: y`) when there is no do-block. */
export function inlineDo(node: Node): Node[] {
  const args = callArgs(node);
  const last = args[args.length - 1];
  if (!last || last.type !== 'keywords') return [];
  return keywordPairs(last)
    .filter((p) => p.key === 'do')
    .map((p) => p.value);
}

/** Body statements of a call, whether `do … end` or `, do: x`. */
export function bodyStatements(node: Node): Node[] {
  return hasDoBlock(node) ? doStatements(node) : inlineDo(node);
}

export interface ModuleDef {
  name: string;
  node: Node;
  body: Node[];
  line: number;
}

/** Every `defmodule` in a tree (nested ones too), with fully qualified names. */
export function modulesIn(root: Node): ModuleDef[] {
  const out: ModuleDef[] = [];
  const visit = (nodes: Node[], prefix: string) => {
    for (const n of nodes) {
      if (n.type !== 'call') continue;
      if (callName(n) === 'defmodule') {
        const nameNode = callArgs(n)[0];
        if (!nameNode) continue;
        const local = nameNode.text.replace(/__MODULE__\.?/, prefix ? `${prefix}.` : '');
        const name = nameNode.type === 'alias' && prefix && !local.includes('.') ? `${prefix}.${local}` : local;
        const body = doStatements(n);
        out.push({ name, node: n, body, line: lineOf(n) });
        visit(body, name);
      }
    }
  };
  visit(kids(root), '');
  return out;
}

export interface FunctionDef {
  name: string;
  kind: 'def' | 'defp' | 'defmacro' | 'defmacrop';
  params: Node[];
  body: Node[];
  node: Node;
  line: number;
}

/** `def`/`defp` clauses in a module body (or at top level). */
export function functionsIn(body: Node[]): FunctionDef[] {
  const out: FunctionDef[] = [];
  for (const n of body) {
    const kind = callName(n);
    if (kind !== 'def' && kind !== 'defp' && kind !== 'defmacro' && kind !== 'defmacrop') continue;
    let head = callArgs(n)[0];
    if (!head) continue;
    if (head.type === 'binary_operator' && head.childForFieldName('operator')?.text === 'when') {
      head = head.childForFieldName('left') ?? head;
    }
    let name: string;
    let params: Node[] = [];
    if (head.type === 'call') {
      name = callName(head) ?? head.text;
      params = callArgs(head);
    } else if (head.type === 'identifier') {
      name = head.text;
    } else continue;
    out.push({ name, kind, params, body: bodyStatements(n), node: n, line: lineOf(n) });
  }
  return out;
}

/** `use X, opts` calls in a module body. */
export function usesIn(body: Node[]): { module: string; args: Node[]; line: number }[] {
  const out: { module: string; args: Node[]; line: number }[] = [];
  for (const n of body) {
    if (callName(n) !== 'use') continue;
    const [mod, ...rest] = callArgs(n);
    if (mod) out.push({ module: mod.text, args: rest, line: lineOf(n) });
  }
  return out;
}

/**
 * Depth-first walk over every named node under `node` (inclusive), in source order; `visit`
 * returns false to skip a node's children. With `types`, only nodes of those types are
 * materialized and visited (the walk itself runs on a tree cursor, which is much cheaper).
 */
export function walk(node: Node, visit: (n: Node) => boolean | void, types?: ReadonlySet<string>): void {
  const cursor = node.walk();
  try {
    let descend = true;
    for (;;) {
      if (cursor.nodeIsNamed && (!types || types.has(cursor.nodeType))) descend = visit(cursor.currentNode) !== false;
      else descend = true;
      if (descend && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || cursor.currentDepth === 0) return;
      }
    }
  } finally {
    cursor.delete?.();
  }
}

/** The operator of a binary_operator node. */
export function operatorOf(node: Node): string | null {
  if (node.type !== 'binary_operator' && node.type !== 'unary_operator') return null;
  return node.childForFieldName('operator')?.text ?? null;
}

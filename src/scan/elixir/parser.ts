/**
 * The one place that talks to tree-sitter: loads the Elixir grammar of `tree-sitter-elixir` once and
 * parses source text into trees the extractors walk. Two backends behind one interface: the native
 * binding (`tree-sitter` with the grammar's prebuilt node addon; about twice as fast to parse and
 * nothing to compile at start-up) and, when it cannot load (a platform without a prebuilt binary),
 * the WebAssembly build through `web-tree-sitter`. `PHOENIX_OPS_PARSER=wasm|native` forces one.
 */
import { createRequire } from 'node:module';

/** The syntax-tree node, as both backends provide it (only what the extractors use). */
export interface Node {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly isError: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly startPosition: { row: number; column: number };
  readonly endPosition: { row: number; column: number };
  readonly startIndex: number;
  readonly endIndex: number;
  readonly parent: Node | null;
  readonly children: (Node | null)[];
  readonly namedChildren: (Node | null)[];
  readonly childCount: number;
  child(index: number): Node | null;
  namedChild(index: number): Node | null;
  childForFieldName(name: string): Node | null;
  walk(): TreeCursor;
}

export interface TreeCursor {
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly currentNode: Node;
  readonly currentDepth: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** wasm only: frees the cursor (native cursors are garbage-collected). */
  delete?(): void;
}

export interface Tree {
  readonly rootNode: Node;
  /** wasm only: frees the tree (native trees are garbage-collected). */
  delete?(): void;
}

export interface Backend {
  readonly name: 'native' | 'wasm';
  parse(text: string): Tree | null;
}

let backendPromise: Promise<Backend> | null = null;

function loadNative(): Backend {
  const require = createRequire(import.meta.url);
  const NativeParser: new () => { setLanguage(l: unknown): void; parse(t: string, old: null, o: { bufferSize: number }): Tree } = require('tree-sitter');
  const language: unknown = require('tree-sitter-elixir');
  const parser = new NativeParser();
  parser.setLanguage(language);
  // The binding copies the input through a buffer that must hold the whole text (UTF-16 code units).
  return { name: 'native', parse: (text) => parser.parse(text, null, { bufferSize: text.length * 2 + 64 }) };
}

async function loadWasm(): Promise<Backend> {
  const require = createRequire(import.meta.url);
  const { Language, Parser } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-elixir/tree-sitter-elixir.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return { name: 'wasm', parse: (text) => parser.parse(text) };
}

async function loadBackend(): Promise<Backend> {
  const want = process.env.PHOENIX_OPS_PARSER;
  if (want === 'wasm') return loadWasm();
  try {
    return loadNative();
  } catch (e) {
    if (want === 'native') throw e;
    return loadWasm();
  }
}

/** Loads the grammar (once). Call early: the wasm backend compiles in the background meanwhile. */
export function elixirParser(): Promise<Backend> {
  backendPromise ??= loadBackend();
  return backendPromise;
}

export interface ParsedSource {
  tree: Tree;
  root: Node;
  /** 1-based line of the first syntax error, or null when the file parsed cleanly. */
  errorLine: number | null;
}

/** Parses Elixir source. The caller must call `tree.delete?.()` when done. */
export async function parseElixir(text: string): Promise<ParsedSource> {
  return parseWith(await elixirParser(), text);
}

/** Parses Elixir source with a loaded backend, synchronously. */
export function parseWith(backend: Backend, text: string): ParsedSource {
  const tree = backend.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const root = tree.rootNode;
  return { tree, root, errorLine: root.hasError ? firstErrorLine(root) : null };
}

function firstErrorLine(node: Node): number {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n) break;
    if (n.isError || n.isMissing) return n.startPosition.row + 1;
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return node.startPosition.row + 1;
}

/** Named children, skipping comments. */
export function kids(node: Node | null | undefined): Node[] {
  if (!node) return [];
  // One call across the binding for all children (namedChild(i) costs one per child).
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c && c.type !== 'comment') out.push(c);
  return out;
}

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

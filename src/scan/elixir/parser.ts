/**
 * The one place that talks to tree-sitter: loads the Elixir grammar shipped by `tree-sitter-elixir`
 * into `web-tree-sitter` once, and parses source text into trees the extractors walk.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

let parserPromise: Promise<Parser> | null = null;

async function loadParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const wasm = require.resolve('tree-sitter-elixir/tree-sitter-elixir.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function elixirParser(): Promise<Parser> {
  parserPromise ??= loadParser();
  return parserPromise;
}

export interface ParsedSource {
  tree: Tree;
  root: Node;
  /** 1-based line of the first syntax error, or null when the file parsed cleanly. */
  errorLine: number | null;
}

/** Parses Elixir source. The caller must call `tree.delete()` when done. */
export async function parseElixir(text: string): Promise<ParsedSource> {
  const parser = await elixirParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const root = tree.rootNode;
  return { tree, root, errorLine: root.hasError ? firstErrorLine(root) : null };
}

function firstErrorLine(node: Node): number {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
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
  // One call across the wasm boundary for all children (namedChild(i) costs one per child).
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c && c.type !== 'comment') out.push(c);
  return out;
}

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/**
 * The lib/ functions the runtime gatherers read, found cheaply: a file is parsed only when its text
 * holds a marker, and a function is read only when a marker line falls inside it (so no function's
 * text is materialized for the rest). Mix tasks (`lib/mix/`, `Mix.Tasks.*`) are left out: they need
 * Mix and do not run in prod. Each file is parsed once per scan (shared with the module pass).
 */
import { callArgs, callName, functionsIn, modulesIn, type FunctionDef, type ModuleDef } from '../elixir/ast.js';
import type { Node } from '../elixir/parser.js';
import { toTerm, type TermContext } from '../elixir/to-term.js';
import type { LibIndex } from '../lib.js';
import type { Sources } from '../sources.js';

export interface MarkedModule {
  file: string;
  mod: ModuleDef;
  /** Every function of the module (for lookups). */
  functions: FunctionDef[];
  /** The functions holding a marker line. */
  marked: FunctionDef[];
}

/**
 * Modules of lib files whose text matches `marker`, with the functions a marker line falls in. With
 * `near`, a marker line counts only when a line matching `near` is at most `window` lines above it.
 */
export function markedModules(src: Sources, lib: LibIndex, marker: RegExp, near?: { re: RegExp; window: number }): MarkedModule[] {
  const out: MarkedModule[] = [];
  const global = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : `${marker.flags}g`);
  for (const { f, text } of lib.files) {
    if (!marker.test(text) || /(^|\/)lib\/mix\//.test(f.rel)) continue;
    // Mentions in comments and documentation (`# a real System.cmd(...) call`) do not make a file worth parsing.
    let rows = codeRows(text, markerRows(text, global));
    if (near && rows.length) {
      const anchors = markerRows(text, new RegExp(near.re.source, 'g'));
      rows = rows.filter((r) => anchors.some((a) => a <= r && r - a <= near.window));
    }
    if (rows.length === 0) continue;
    const p = src.parse(f);
    if (!p) continue;
    for (const mod of modulesIn(p.root)) {
      if (mod.name.startsWith('Mix.Tasks.')) continue;
      if (!rows.some((r) => r >= mod.node.startPosition.row && r <= mod.node.endPosition.row)) continue;
      const functions = functionsIn(mod.body);
      const marked = functions.filter((fn) => rows.some((r) => r >= fn.node.startPosition.row && r <= fn.node.endPosition.row));
      out.push({ file: f.rel, mod, functions, marked });
    }
  }
  return out;
}

/** The rows that are code: not a `#` comment line, not inside a `"""` heredoc (documentation). */
function codeRows(text: string, rows: number[]): number[] {
  if (rows.length === 0) return rows;
  const lines = text.split('\n');
  const inDoc = new Set<number>();
  let open = false;
  lines.forEach((l, i) => {
    // Lines after an opening `"""` up to its closing one (the opening line may hold code: `System.cmd("sh", ["-c", """`).
    if (open) inDoc.add(i);
    if ((l.match(/"""/g) ?? []).length % 2 === 1) open = !open;
  });
  return rows.filter((r) => !inDoc.has(r) && !/^\s*#/.test(lines[r] ?? ''));
}

/** 0-based rows of the text where `re` (global) matches. */
function markerRows(text: string, re: RegExp): number[] {
  const rows: number[] = [];
  re.lastIndex = 0;
  let row = 0;
  let pos = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf('\n', pos); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) row++;
    pos = m.index;
    if (rows.at(-1) !== row) rows.push(row);
    if (m[0].length === 0) re.lastIndex++;
  }
  return rows;
}

const NOT_VALUES = new Set(['moduledoc', 'doc', 'typedoc', 'spec', 'type', 'typep', 'opaque', 'callback', 'macrocallback', 'impl', 'behaviour', 'derive', 'dialyzer', 'deprecated', 'since', 'external_resource', 'compile', 'on_load', 'before_compile', 'after_compile']);

/**
 * Module attributes holding a string or a list of strings (`@tar "tar"`, `@paths ["/data"]`): the
 * only ones a program or a path can come from (documentation, typespecs and maps are skipped).
 */
export function valueAttributes(body: Node[], ctx: TermContext): void {
  for (const n of body) {
    if (n.type !== 'unary_operator' || n.childForFieldName('operator')?.text !== '@') continue;
    const operand = n.childForFieldName('operand');
    if (operand?.type !== 'call') continue;
    const name = callName(operand);
    const arg = callArgs(operand)[0];
    if (name && arg && !NOT_VALUES.has(name) && (arg.type === 'string' || arg.type === 'list')) ctx.attrs!.set(name, toTerm(arg, ctx));
  }
}

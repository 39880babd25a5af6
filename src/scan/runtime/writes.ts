/**
 * Places lib code writes to at run time: `File.write/mkdir_p/cp/rename/open` (and their `!` forms)
 * whose path is a literal absolute path or comes from config (`Application.get_env(:app, :uploads_dir)`,
 * itself often `System.get_env("UPLOADS_DIR", "/var/lib/app/uploads")`), followed through `Path.join`
 * and variables bound in the function. `System.tmp_dir()` and paths built at run time from other
 * data are left out: a target gives every container a writable tmp.
 */
import { callArgs, callName, walk, type FunctionDef } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import { newContext, toTerm, type TermContext } from '../elixir/to-term.js';
import { lastSet } from '../config-query.js';
import type { LibIndex } from '../lib.js';
import type { ConfigCall, WriteSite } from '../profile.js';
import type { Sources } from '../sources.js';
import { markedModules, valueAttributes } from './lib-functions.js';
import { literal, type Term } from '../term.js';

const MARKER = /File\.(write|mkdir_p|cp|rename|open|touch)/;
const FOLLOWABLE = /Application\.(get_env|fetch_env|compile_env)|"\/(var|srv|data|opt|mnt|app|home|config|uploads?|storage)\b/;
const WRITERS = /^File\.(write!?|mkdir_p!?|cp!?|cp_r!?|rename!?|touch!?|open!?)$/;

export function gatherWrites(src: Sources, lib: LibIndex, config: readonly ConfigCall[]): WriteSite[] {
  const out: WriteSite[] = [];
  // Only writes whose path can be followed (from config, or a literal absolute path, a few lines above
  // the write) are kept: other files are not parsed.
  for (const { file, mod, marked } of markedModules(src, lib, MARKER, { re: FOLLOWABLE, window: 12 })) {
    const ctx = newContext();
    valueAttributes(mod.body, ctx);
    for (const fn of marked) {
      walk(
        fn.node,
        (n) => {
          const name = callName(n);
          if (!name || !WRITERS.test(name)) return;
          const args = callArgs(n);
          // File.cp(src, dest) / File.rename(src, dest) write the destination.
          const target = /^File\.(cp|cp_r|rename)/.test(name) ? args[1] : args[0];
          if (!target) return;
          if (name.startsWith('File.open') && !/:write|:append/.test(args[1]?.text ?? '')) return;
          const site = resolvePath(toTerm(target, ctx), fn, ctx, config, 0);
          if (site && (site.path || site.env)) out.push({ ...site, evidence: { file, line: lineOf(n) } });
        },
        CALLS,
      );
    }
  }
  return out;
}

const CALLS: ReadonlySet<string> = new Set(['call']);
const BINARY: ReadonlySet<string> = new Set(['binary_operator']);

function resolvePath(t: Term, fn: FunctionDef, ctx: TermContext, config: readonly ConfigCall[], depth: number): Omit<WriteSite, 'evidence'> | null {
  if (depth > 4) return null;
  switch (t.t) {
    case 'string':
      return !t.interpolated && t.v.startsWith('/') && !t.v.startsWith('/tmp') ? { path: folderOf(t.v), env: null } : t.interpolated ? fromParts(t.parts ?? [], fn, ctx, config, depth) : null;
    case 'env':
      return { path: t.default && literal(t.default)?.startsWith('/') ? folderOf(literal(t.default)!) : null, env: t.name };
    case 'var': {
      const bound = binding(fn, t.name, ctx);
      return bound ? resolvePath(bound, fn, ctx, config, depth + 1) : null;
    }
    case 'op':
      return t.op === '||' ? (resolvePath(t.left, fn, ctx, config, depth + 1) ?? resolvePath(t.right, fn, ctx, config, depth + 1)) : t.op === '<>' ? resolvePath(t.left, fn, ctx, config, depth + 1) : null;
    case 'call': {
      if (t.name === 'Path.join' || t.name === 'Path.expand') {
        const first = t.args[0]?.t === 'list' ? t.args[0].items[0] : t.args[0];
        return first ? resolvePath(first, fn, ctx, config, depth + 1) : null;
      }
      if (t.name === 'Path.dirname') return t.args[0] ? resolvePath(t.args[0], fn, ctx, config, depth + 1) : null;
      if (/^Application\.(get_env|fetch_env!|compile_env!?)$/.test(t.name)) {
        const [app, key] = t.args.map((a) => literal(a));
        const set = app && key ? lastSet({ config }, 'prod', app, null, [key]) : null;
        return set ? resolvePath(set.value, fn, ctx, config, depth + 1) : null;
      }
      return null;
    }
    default:
      return null;
  }
}

function fromParts(parts: Term[], fn: FunctionDef, ctx: TermContext, config: readonly ConfigCall[], depth: number): Omit<WriteSite, 'evidence'> | null {
  const first = parts[0];
  return first ? resolvePath(first, fn, ctx, config, depth + 1) : null;
}

/** A file path's folder (`/data/app.db` → `/data`); a folder as is. */
function folderOf(p: string): string {
  const clean = p.replace(/\/+$/, '');
  return /\.[a-z0-9]{1,5}$/i.test(clean) ? clean.slice(0, clean.lastIndexOf('/')) || '/' : clean;
}

function binding(fn: FunctionDef, name: string, ctx: TermContext): Term | null {
  let found: Term | null = null;
  walk(
    fn.node,
    (n) => {
      if (found || n.childForFieldName('operator')?.text !== '=') return;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && left.text === name && right) found = toTerm(right, ctx);
    },
    BINARY,
  );
  return found;
}

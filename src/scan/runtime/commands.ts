/**
 * Programs the prod app runs, read from lib/ code that runs in prod (function bodies; not module
 * attributes, which run at compile time; not Mix tasks, which need Mix): `System.cmd/2,3`,
 * `System.shell/1`, `:os.cmd/1`, `Port.open({:spawn_executable, path} | {:spawn, "cmd"}, …)`,
 * `MuonTrap.cmd`, `Porcelain.exec/shell`, `Rambo.run`, `Exile.stream!`, erlport's `Python.start`,
 * and the libraries that wrap a program (FFmpex → ffmpeg, FFprobe → ffprobe, Mogrify → mogrify and
 * identify, `:eblurhash.magick` → convert, Waffle/Arc `{:convert, …}` transforms → convert).
 *
 * The program is followed where it is written: a literal, a module attribute, a variable bound in
 * the function, `System.find_executable("x")`, a config value (`Application.get_env(:app, :bin)`),
 * a function of the module returning one of those, a script in `priv/` (its interpreter). When the
 * path cannot be followed, the `System.find_executable("x")` names of the module are used.
 */
import { callArgs, callName, usesIn, walk, type FunctionDef } from '../elixir/ast.js';
import type { Node } from '../elixir/parser.js';
import { lineOf } from '../elixir/parser.js';
import { newContext, toTerm, type TermContext } from '../elixir/to-term.js';
import { lastSet } from '../config-query.js';
import type { LibIndex } from '../lib.js';
import type { CommandCall, ConfigCall } from '../profile.js';
import type { Sources } from '../sources.js';
import { markedModules, valueAttributes, type MarkedModule } from './lib-functions.js';
import { literal, type Term } from '../term.js';

const MARKER = /System\.cmd\b|System\.shell\b|Port\.open\b|:os\.cmd\b|MuonTrap\.cmd|Porcelain\.(exec|shell|spawn)|Rambo\.run|Exile\.stream|FFmpex|FFprobe\.|Mogrify\.|:eblurhash\.|\{:(convert|ffmpeg),|Python\.start|:python\.start|find_executable\(/;

/** Runners whose first argument is the program (or a command line: `shell`). */
const RUNNERS: Record<string, 'program' | 'line' | 'port' | 'argv'> = {
  'System.cmd': 'program',
  'MuonTrap.cmd': 'program',
  'Porcelain.exec': 'program',
  'Porcelain.spawn': 'program',
  'Rambo.run': 'program',
  'System.shell': 'line',
  'Porcelain.shell': 'line',
  'Porcelain.spawn_shell': 'line',
  ':os.cmd': 'line',
  'Port.open': 'port',
  'Exile.stream!': 'argv',
  'Exile.stream': 'argv',
};

/** Wrapper libraries: a call of the module runs the program. */
const WRAPPERS: [RegExp, string][] = [
  [/^FFmpex\.|^FFmpex$/, 'ffmpeg'],
  [/^FFprobe\./, 'ffprobe'],
  [/^Mogrify\.(identify|verbose)$/, 'identify'],
  [/^Mogrify\./, 'mogrify'],
  [/^:eblurhash\.magick$/, 'convert'],
];

export function gatherCommands(src: Sources, lib: LibIndex, config: readonly ConfigCall[]): CommandCall[] {
  const out: CommandCall[] = configuredPrograms(config);
  for (const m of markedModules(src, lib, MARKER)) out.push(...moduleCommands(m, { src, config, files: lib }));
  return out;
}

/**
 * `config :app, yt_dlp_executable: System.find_executable("yt-dlp")` in prod config: a program the app
 * is configured to run (whatever wrapper then runs it).
 */
function configuredPrograms(config: readonly ConfigCall[]): CommandCall[] {
  const out: CommandCall[] = [];
  const visit = (t: Term, call: ConfigCall) => {
    if (t.t === 'call') {
      const arg = t.args[0];
      if (t.name === 'System.find_executable' && arg?.t === 'string' && !arg.interpolated) {
        out.push({ program: basename(arg.v), via: 'System.find_executable (config)', module: call.app, evidence: { file: call.file, line: t.line } });
      }
      t.args.forEach((a) => visit(a, call));
    } else if (t.t === 'op') {
      visit(t.left, call);
      visit(t.right, call);
    } else if (t.t === 'kw') t.pairs.forEach((p) => visit(p.value, call));
    else if (t.t === 'list' || t.t === 'tuple') t.items.forEach((i) => visit(i, call));
  };
  for (const c of config) if (c.envs.includes('prod')) visit(c.opts, c);
  return out;
}

interface Env {
  src: Sources;
  config: readonly ConfigCall[];
  files: LibIndex;
}

function moduleCommands({ mod, file, functions: fns, marked }: MarkedModule, env: Env): CommandCall[] {
  const ctx = newContext();
  valueAttributes(mod.body, ctx);
  const imports = new Set(mod.body.filter((n) => callName(n) === 'import').map((n) => callArgs(n)[0]?.text ?? ''));
  const uses = new Set(usesIn(mod.body).map((u) => u.module));
  const out: CommandCall[] = [];
  const add = (program: string | null, via: string, node: Node) => out.push({ program, via, module: mod.name, evidence: { file, line: lineOf(node) } });
  const waffle = uses.has('Waffle.Definition') || uses.has('Arc.Definition');
  const finders = finderFunctions(marked);
  let findable: string[] | null = null;
  // Functions holding a marker line, Waffle transforms, and the callers of a finder (`fetch_executable("ssh")`).
  const callsFinder = finders.size ? new RegExp(`\\b(${[...finders].join('|')})\\(`) : null;
  for (const fn of fns) {
    if (!marked.includes(fn) && !(fn.name === 'transform' || waffle) && !(callsFinder && callsFinder.test(fn.node.text))) continue;
    walk(fn.node, (n) => {
      if (n.type === 'tuple') {
        if (!(fn.name === 'transform' || waffle)) return;
        // `def transform(:thumb, _), do: {:convert, "-thumbnail 100x100"}`: Waffle (Arc) runs ImageMagick's convert.
        const first = n.namedChildren[0];
        if ((fn.name === 'transform' || waffle) && first?.type === 'atom' && /^:(convert|ffmpeg)$/.test(first.text)) add(first.text.slice(1), 'Waffle transform', n);
        return;
      }
      const name = callName(n);
      if (!name) return;
      // `fetch_executable("git")` of a function wrapping System.find_executable(name): the program is needed.
      if (finders.has(name)) {
        const arg = callArgs(n)[0];
        const lit = arg ? literal(toTerm(arg, ctx)) : null;
        if (lit) add(basename(lit), `${name} (System.find_executable)`, n);
        return;
      }
      const wrapper = WRAPPERS.find(([re]) => re.test(name));
      if (wrapper) return void add(wrapper[1], name.split('.')[0]!, n);
      if (imports.has('FFmpex') && name === 'execute') return void add('ffmpeg', 'FFmpex', n);
      if (name === 'Python.start' || name === ':python.start') return void add(pythonProgram(n, fn, fns, ctx, env) ?? 'python3', 'erlport', n);
      const kind = RUNNERS[name];
      if (!kind) return;
      const [arg, argv] = callArgs(n);
      const programs = arg ? programsOf(arg, kind, fn, fns, ctx, env) : [];
      // A wrapper script (`System.cmd(Path.join(priv, "run.sh"), [program | args])`) runs the program it is given first.
      if (kind === 'program' && argv && arg && isScriptPath(toTerm(arg, ctx), fn, ctx)) {
        const list = toTerm(argv, ctx);
        const first = list.t === 'list' ? list.items[0] : list.t === 'op' && list.op === '++' && list.left.t === 'list' ? list.left.items[0] : undefined;
        if (first) programs.push(...programOf(first, fn, fns, ctx, env, 0).filter((p) => !programs.includes(p)));
      }
      // find_executable is a marker: the functions that call it are the marked ones.
      findable ??= marked.flatMap((m) => findExecutableNames(m.node)).filter((x, i, all) => all.indexOf(x) === i);
      if (programs.length) for (const p of programs) add(p, name, n);
      else if (findable.length) for (const p of findable) add(p, name, n);
      else add(null, name, n);
    }, CALL_OR_TUPLE);
  }
  return out;
}

const CALL_OR_TUPLE: ReadonlySet<string> = new Set(['call', 'tuple']);

function programsOf(arg: Node, kind: 'program' | 'line' | 'port' | 'argv', fn: FunctionDef, fns: FunctionDef[], ctx: TermContext, env: Env): string[] {
  const term = toTerm(arg, ctx);
  if (kind === 'port') {
    // {:spawn_executable, path} | {:spawn, "cmd args"}
    if (term.t !== 'tuple' || term.items.length !== 2) return [];
    const [k, v] = term.items;
    if (k?.t !== 'atom') return [];
    if (k.v === 'spawn') return lineProgram(v!);
    if (k.v === 'spawn_executable') return programOf(v!, fn, fns, ctx, env, 0);
    return [];
  }
  if (kind === 'line') return lineProgram(term);
  if (kind === 'argv') return term.t === 'list' && term.items[0] ? programOf(term.items[0], fn, fns, ctx, env, 0) : [];
  return programOf(term, fn, fns, ctx, env, 0);
}

/** The first word of a command line (`"tar -czf x"`, `'ls -la'`). */
function lineProgram(t: Term): string[] {
  // "tar -czf x", 'ls -la' (a charlist), ~c"df -h /"
  const s = t.t === 'string' ? t.v : t.t === 'sigil' ? (/^~[cCsS](?:"(.*)"|'(.*)'|\((.*)\)|\[(.*)\])$/s.exec(t.v)?.slice(1).find((x) => x !== undefined) ?? null) : null;
  const word = s?.trim().split(/\s+/)[0];
  return word && !word.includes('#{') ? [basename(word)] : [];
}

function basename(p: string): string {
  return p.split('/').pop()!;
}

function programOf(t: Term, fn: FunctionDef, fns: FunctionDef[], ctx: TermContext, env: Env, depth: number): string[] {
  if (depth > 3) return [];
  switch (t.t) {
    case 'string':
      if (!t.interpolated) return t.v.trim() ? [basename(t.v.trim())] : [];
      // "#{dir}/bin/tool": the last segment when it is literal.
      return /\/([\w.-]+)$/.test(t.v) ? [/\/([\w.-]+)$/.exec(t.v)![1]!] : [];
    case 'var': {
      const bound = bindingIn(fn, t.name, ctx);
      return bound ? programOf(bound, fn, fns, ctx, env, depth + 1) : [];
    }
    case 'op':
      // `System.find_executable("x") || "/usr/bin/x"`: either way the program x.
      return unique([...programOf(t.left, fn, fns, ctx, env, depth + 1), ...(t.op === '||' ? programOf(t.right, fn, fns, ctx, env, depth + 1) : [])]);
    case 'call': {
      if (t.name === 'System.find_executable' && t.args[0]) return programOf(t.args[0], fn, fns, ctx, env, depth + 1);
      if (/^Application\.(get_env|fetch_env!|compile_env!?)$/.test(t.name)) {
        const [app, key] = t.args.map((a) => literal(a));
        const set = app && key ? lastSet({ config: env.config }, 'prod', app, null, [key]) : null;
        return set ? programOf(set.value, fn, fns, ctx, env, depth + 1) : [];
      }
      if (t.name === 'Path.join') {
        const script = t.args.map((a) => (a.t === 'list' ? a.items : [a])).flat().at(-1);
        if (script?.t === 'string' && !script.interpolated && /\.(sh|bash|py|rb)$/.test(script.v)) return interpreter(script.v, env);
        return [];
      }
      if (t.name === 'case' || t.name === 'if' || t.name === 'cond') return unique(branchResults(t).filter(looksLikeProgram).map(basename));
      const local = fns.find((f) => f.name === t.name && f.params.length === t.args.length);
      if (local && local !== fn) {
        const last = local.body.at(-1);
        return last ? programOf(toTerm(last, ctx), local, fns, ctx, env, depth + 1) : [];
      }
      return [];
    }
    default:
      return [];
  }
}

/** Functions of the module that look a program up by the name they are given: `System.find_executable(program)`. */
function finderFunctions(fns: FunctionDef[]): Set<string> {
  const out = new Set<string>();
  for (const f of fns) {
    const p = f.params[0];
    if (p?.type === 'identifier' && f.node.text.includes(`find_executable(${p.text})`)) out.add(f.name);
  }
  return out;
}

/** The program is a script of the project (`Path.join(:code.priv_dir(:app), "run.sh")`, directly or through a variable). */
function isScriptPath(t: Term, fn: FunctionDef, ctx: TermContext): boolean {
  const value = t.t === 'var' ? bindingIn(fn, t.name, ctx) : t;
  if (!value || value.t !== 'call' || value.name !== 'Path.join') return false;
  const last = value.args.map((a) => (a.t === 'list' ? a.items : [a])).flat().at(-1);
  return last?.t === 'string' && /\.(sh|bash)$/.test(last.v);
}

/** The value bound to `name` in the function (`git = System.find_executable("git")`, `if path = …`, `{:ok, path} <- …`). */
function bindingIn(fn: FunctionDef, name: string, ctx: TermContext): Term | null {
  let found: Term | null = null;
  walk(
    fn.node,
    (n) => {
      if (found || n.type !== 'binary_operator') return;
      const op = n.childForFieldName('operator')?.text;
      if (op !== '=' && op !== '<-') return;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      // `git = …`, or `{:ok, git} <- fetch_executable("git")`.
      const binds = left?.type === 'identifier' ? left.text === name : left?.type === 'tuple' && left.namedChildren.some((c) => c?.type === 'identifier' && c.text === name);
      if (binds && right) found = toTerm(right, ctx);
    },
    BINARY,
  );
  return found;
}

const BINARY: ReadonlySet<string> = new Set(['binary_operator']);

/** `System.find_executable("x")` names anywhere in a module. */
function findExecutableNames(node: Node): string[] {
  const out: string[] = [];
  walk(
    node,
    (n) => {
      if (callName(n) !== 'System.find_executable') return;
      const a = callArgs(n)[0];
      const s = a?.type === 'string' ? a.namedChildren.filter((c) => c?.type === 'quoted_content').map((c) => c!.text).join('') : '';
      if (s && a!.namedChildren.every((c) => c?.type === 'quoted_content') && !out.includes(basename(s))) out.push(basename(s));
    },
    CALLS,
  );
  return out;
}

const CALLS: ReadonlySet<string> = new Set(['call']);

/** erlport's `Python.start(python: path)`: the interpreter named by the `python:` option. */
function pythonProgram(n: Node, fn: FunctionDef, fns: FunctionDef[], ctx: TermContext, env: Env): string | null {
  const opts = callArgs(n)[0];
  const t = opts ? toTerm(opts, ctx) : null;
  const py = t?.t === 'kw' ? t.pairs.find((p) => p.key === 'python')?.value : undefined;
  return py ? (programOf(py, fn, fns, ctx, env, 0)[0] ?? null) : null;
}

/** A script under priv/ run as the program: its interpreter, from the shebang (`#!/usr/bin/env bash` → bash). */
function interpreter(script: string, env: Env): string[] {
  const f = env.src.files.find((x) => x.rel.endsWith(`priv/${script}`) || x.rel.endsWith(`/${script}`));
  const text = f ? env.src.text(f) : null;
  const m = text ? /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text) : null;
  if (!m) return [];
  return [basename(m[1]!) === 'env' && m[2] ? m[2] : basename(m[1]!)];
}

/** A program name or an absolute path to one (`libreoffice`, `/usr/bin/python3`). */
function looksLikeProgram(s: string): boolean {
  return /^[a-z][\w.+-]*$/i.test(s) || (/^(\/[\w.-]+)+$/.test(s) && /\/bin\//.test(s));
}

/** The string results of the branches of a `case`/`if`/`cond` term (clause bodies, not patterns or conditions). */
function branchResults(t: Term): string[] {
  const out: string[] = [];
  const visit = (x: Term, inBody: boolean) => {
    if (x.t === 'string' && !x.interpolated && inBody) out.push(x.v);
    else if (x.t === 'call') {
      if (x.name === '__arguments__') return;
      const body = inBody || x.name === '__body__' || x.name === '__else_block__' || x.name === '__do_block__';
      x.args.forEach((a, i) => visit(a, body && !(i === 0 && /^(case|if|cond)$/.test(x.name))));
    } else if (x.t === 'kw') x.pairs.forEach((p) => visit(p.value, inBody || p.key === 'do' || p.key === 'else'));
  };
  visit(t, false);
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

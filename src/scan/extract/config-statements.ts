/**
 * One handler per Elixir call a config file is made of (`config`, `import_config`, `if`, `case`,
 * `try`, `=`…), keyed by the call. Each handler reads its node, narrows or widens the state (the
 * environments a branch runs in, whether it may not run in prod), and hands what it finds to the
 * evaluator (config.ts): config calls, env reads, imports, nested statements. A statement no handler
 * knows only has its env reads kept.
 */
import { bodyStatements, callArgs, callName, doStatements, elseStatements, operatorOf } from '../elixir/ast.js';
import { envSelection, holdsInProd, type EnvSelection } from '../elixir/env-condition.js';
import type { ConfigGuard } from '../profile.js';
import { kids, lineOf, type Node } from '../elixir/parser.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import { anonymousHelper } from '../helpers.js';
import { normalizePath } from '../path-glob.js';
import { literal, type Term } from '../term.js';
import { complement, dirOf, intersect, type Evaluation, type State } from './config-state.js';

export type StatementHandler = (n: Node, st: State, ev: Evaluation) => void;

/** The key a statement is handled under: its call name, or `=` for a match. */
export function statementKey(n: Node): string | null {
  if (n.type === 'binary_operator' && operatorOf(n) === '=') return '=';
  return callName(n);
}

/** `config :app, key, opts` or `config :app, opts`: a setting, for the environments in effect. */
export const configCall: StatementHandler = (n, st, ev) => {
  const [appNode, second, third] = callArgs(n);
  if (!appNode) return;
  const app = atomOrText(appNode);
  const key = third && second ? atomOrText(second) : null;
  const optsNode = third ?? second;
  if (!optsNode) return;
  const opts = toTerm(optsNode, st.ctx);
  ev.register(opts, st, { app, key });
  if (st.envs.size === 0) return;
  ev.config(app, key, opts, st, lineOf(n));
};

function atomOrText(n: Node): string {
  return n.type === 'atom' ? n.text.slice(1) : n.text;
}

/** `import_config "prod.exs"`, or `"#{config_env()}.exs"`: each environment's file for its environment. */
export const importConfig: StatementHandler = (n, st, ev) => {
  const [arg] = callArgs(n);
  if (!arg) return;
  const t = toTerm(arg, st.ctx);
  if (t.t !== 'string') return;
  const dir = dirOf(st.file);
  if (!t.interpolated) {
    ev.importPath(normalizePath(`${dir}/${t.v}`), st);
    return;
  }
  const tail = t.v.replace(/#\{[^}]*\}/, '');
  for (const e of ['dev', 'test', 'prod'] as const) {
    const file = normalizePath(`${dir}/${e}${tail}`);
    if (st.envs.has(e) && ev.present(file)) ev.importFile(file, new Set([e]), st);
  }
};

/**
 * `if`/`unless`: environment tests (`config_env() == :prod`, a compile-time flag config set) narrow
 * the environments each branch runs in; any other condition leaves both branches conditional.
 */
export const ifUnless: StatementHandler = (n, st, ev) => {
  const [cond] = callArgs(n);
  if (!cond) return;
  const condTerm = toTerm(cond, st.ctx);
  ev.register(condTerm, st);
  // `if port = Mod.port!("PORT") do … http: [port: port] … end`: the variable is the value in the branch.
  if (condTerm.t === 'op' && condTerm.op === '=' && condTerm.left.t === 'var') st.ctx.vars.set(condTerm.left.name, condTerm.right);
  const sel = envSelection(condTerm, ev.resolveSoFar);
  const isIf = callName(n) === 'if';
  const branch = (want: boolean): State => {
    const guards: ConfigGuard[] = [...st.guards, { kind: 'if', cond: condTerm, when: want === isIf }];
    return sel ? branchState(st, sel, want, guards) : { ...st, conditional: true, guards };
  };
  ev.statements(bodyStatements(n), branch(isIf));
  ev.statements(elseStatements(n), branch(!isIf));
  ev.requiredByRaise(n, null, st);
};

/**
 * The state of the branch taken when the condition is `want`. `conditional` is about prod: a branch
 * decided for prod is not conditional even when another environment cannot be told (a flag dev.exs
 * sets and test.exs does not).
 */
export function branchState(st: State, sel: EnvSelection, want: boolean, guards: ConfigGuard[] = st.guards): State {
  const envs = new Set([...st.envs].filter((e) => sel.truths[e] !== !want));
  const undecided = envs.has('prod') ? sel.truths.prod === null : [...envs].some((e) => sel.truths[e] === null);
  // A condition decided for the environments the branch runs in guards nothing.
  return { ...st, envs, conditional: st.conditional || undecided, guards: undecided ? guards : st.guards };
}

/** `import Dotenvy` (its `env!/2,3`), or `import` of a project module whose functions read the environment. */
export const importModule: StatementHandler = (n, st, ev) => {
  const mod = callArgs(n)[0]?.text;
  if (mod === 'Dotenvy') {
    st.ctx.helpers.set('env!', { nameArg: 0, defaultArg: 2, raises: true, via: 'Dotenvy.env!' });
    return;
  }
  const fns = mod === undefined ? undefined : ev.moduleHelpers(st.file)?.get(mod);
  for (const [fn, h] of fns ?? []) st.ctx.helpers.set(fn, h);
};

/** `alias Harbor.Config` (or `, as: C`): later calls through the short name resolve to the module. */
export const aliasModule: StatementHandler = (n, st) => {
  const [modNode, opts] = callArgs(n);
  const mod = modNode?.text;
  if (!mod) return;
  const as = opts ? toTerm(opts, st.ctx) : null;
  const asName = as?.t === 'kw' ? as.pairs.find((p) => p.key === 'as')?.value : undefined;
  st.ctx.aliases?.set(asName?.t === 'alias' ? asName.v : mod.slice(mod.lastIndexOf('.') + 1), mod);
};

/** `name = value`: an anonymous env helper (`env! = fn name -> … end`), or a variable later statements read. */
export const match: StatementHandler = (n, st, ev) => {
  const helper = anonymousHelper(n, (cond) => holdsInProd(toTerm(cond, st.ctx), ev.resolveSoFar), st.ctx.helpers);
  if (helper) {
    st.ctx.helpers.set(helper[0], helper[1]);
    return;
  }
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!right) return;
  const value = toTerm(right, st.ctx);
  ev.register(value, st);
  ev.requiredByRaise(right, value, st);
  if (left?.type === 'identifier') st.ctx.vars.set(left.text, value);
};

const ENV_SUBJECTS = new Set(['config_env', 'Mix.env', 'Config.config_env']);

/**
 * `case`/`cond`: clauses run conditionally; `case config_env()` clauses narrow the environments
 * (`:prod ->` runs in prod, `_ ->` in what earlier clauses left).
 */
export const caseCond: StatementHandler = (n, st, ev) => {
  const isCase = callName(n) === 'case';
  const [subject] = callArgs(n);
  if (subject) ev.register(toTerm(subject, st.ctx), st);
  const byEnv = isCase && subject !== undefined && ENV_SUBJECTS.has(callName(subject) ?? '');
  let remaining = new Set(st.envs);
  const subjectTerm = subject ? toTerm(subject, st.ctx) : null;
  const earlier: Term[] = [];
  for (const clause of kids(doBlock(n))) {
    if (clause.type !== 'stab_clause') continue;
    const pat = clause.childForFieldName('left');
    const patTerm = clausePattern(pat, st);
    const guard: ConfigGuard = isCase ? { kind: 'case', cond: subjectTerm, ...(patTerm ? { pattern: patTerm } : {}), earlier: [...earlier] } : { kind: 'cond', cond: patTerm, earlier: [...earlier] };
    if (patTerm) earlier.push(patTerm);
    let clauseSt: State = { ...st, conditional: true, guards: [...st.guards, guard] };
    if (!isCase && patTerm) ev.register(patTerm, st);
    if (byEnv && pat) {
      const first = kids(pat)[0];
      const atom = first?.type === 'atom' ? first.text.slice(1) : null;
      if (atom === 'dev' || atom === 'test' || atom === 'prod') {
        clauseSt = { ...st, envs: intersect(remaining, new Set([atom])) };
        remaining = intersect(remaining, complement(new Set([atom])));
      } else if (first && (first.type === 'identifier' || first.text === '_')) {
        clauseSt = { ...st, envs: remaining };
        remaining = new Set();
      }
    }
    ev.statements(kids(clause.childForFieldName('right')), clauseSt);
  }
  if (isCase) ev.requiredByRaise(n, null, st);
};

/** A clause head is an `arguments` node holding one pattern (`nil ->`, `port when port != nil ->`): that pattern. */
function clausePattern(pat: Node | null, st: State): Term | null {
  const [only, ...rest] = pat?.type === 'arguments' ? kids(pat) : [];
  const node = only && rest.length === 0 ? only : pat;
  return node ? toTerm(node, st.ctx) : null;
}

function doBlock(n: Node): Node | undefined {
  return kids(n).find((c) => c.type === 'do_block');
}

/**
 * `try`: the body is what runs when nothing raises, straight-line config like any other; `rescue`,
 * `catch` and `else` clauses run only on some outcomes; `after` always runs.
 */
export const tryBlock: StatementHandler = (n, st, ev) => {
  ev.statements(doStatements(n), st);
  for (const part of kids(doBlock(n))) {
    if (part.type === 'after_block') ev.statements(kids(part), st);
    else if (part.type.endsWith('_block')) {
      for (const clause of kids(part)) {
        ev.statements(clause.type === 'stab_clause' ? kids(clause.childForFieldName('right')) : [clause], undecided(st));
      }
    }
  }
};

/** `with`, and a `for` over anything but config files: the body may or may not run. */
export const guardedBlock: StatementHandler = (n, st, ev) => {
  for (const a of callArgs(n)) ev.register(toTerm(a, st.ctx), st);
  ev.statements(bodyStatements(n), undecided(st));
  ev.statements(elseStatements(n), undecided(st));
};

/** The state inside a block that may or may not run, on a condition not read. */
function undecided(st: State): State {
  return { ...st, conditional: true, guards: [...st.guards, { kind: 'other', cond: null }] };
}

/** `for config <- "…" |> Path.expand(__DIR__) |> Path.wildcard() do import_config config end`: an import of each match. */
export const forLoop: StatementHandler = (n, st, ev) => {
  const glob = importedGlob(n);
  if (glob === null) guardedBlock(n, st, ev);
  else ev.importPath(normalizePath(`${dirOf(st.file)}/${glob}`), st);
};

/** The pattern of a `for` loop that imports every config file `Path.wildcard` finds, or null. */
export function importedGlob(n: Node): string | null {
  if (!bodyStatements(n).some((b) => callName(b) === 'import_config')) return null;
  const gen = callArgs(n).find((a) => a.type === 'binary_operator' && operatorOf(a) === '<-');
  const right = gen?.childForFieldName('right');
  if (!right || !right.text.includes('Path.wildcard')) return null;
  let cur: Node | null = right;
  while (cur && cur.type === 'binary_operator' && operatorOf(cur) === '|>') cur = cur.childForFieldName('left');
  if (cur?.type === 'call') cur = callArgs(cur)[0] ?? null;
  return cur?.type === 'string' ? literal(toTerm(cur, newContext())) : null;
}

/** Anything else (a bare expression, a function call): only its env reads count. */
export const otherStatement: StatementHandler = (n, st, ev) => {
  if (ev.followConfigFunction(n, st)) return;
  ev.register(toTerm(n, st.ctx), st);
};

/** `Code.require_file(file, dir)`/`Code.eval_file`: a config file evaluated in place. */
export const requireFile: StatementHandler = (n, st, ev) => ev.requireFile(n, st);

export const STATEMENT_HANDLERS: ReadonlyMap<string, StatementHandler> = new Map([
  ['config', configCall],
  ['import_config', importConfig],
  ['if', ifUnless],
  ['unless', ifUnless],
  ['import', importModule],
  ['alias', aliasModule],
  ['=', match],
  ['case', caseCond],
  ['cond', caseCond],
  ['try', tryBlock],
  ['with', guardedBlock],
  ['for', forLoop],
  ['Code.require_file', requireFile],
  ['Code.eval_file', requireFile],
]);

/** Evaluates one top-level (or nested) statement of a config file with its handler. */
export function evaluateStatement(n: Node, st: State, ev: Evaluation): void {
  (STATEMENT_HANDLERS.get(statementKey(n) ?? '') ?? otherStatement)(n, st, ev);
}

/**
 * The OTP application callback module: the supervision children started in `start/2`
 * (Repo, PubSub, DNSCluster, Cluster.Supervisor, Oban, Endpoint, …), however the list is built.
 */
import { functionsIn, type ModuleDef, usesIn } from '../elixir/ast.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import type { ModuleExtractor } from '../extractor.js';
import type { ApplicationInfo, Child } from '../profile.js';
import type { Term } from '../term.js';

export function isApplicationModule(mod: ModuleDef): boolean {
  return usesIn(mod.body).some((u) => u.module === 'Application');
}

/** The children `entry` starts: `start/2` of an Application, `init/1` of a project Supervisor. */
export function extractApplication(mod: ModuleDef, file: string, otpApp: string | null, entry: 'start' | 'init' = 'start'): ApplicationInfo {
  const ctx = newContext();
  const children: Child[] = [];
  const fns = functionsIn(mod.body);
  const start = fns.filter((f) => f.name === entry);
  // Functions of the module returning child lists (`children() ++ oban_children()`, a public
  // `children(mode)`) are followed, every clause, two levels deep.
  const helpers = new Map<string, typeof fns>();
  for (const f of fns) {
    if ((f.kind !== 'defp' && f.kind !== 'def') || f.name === entry || f.name === 'stop' || f.name === 'config_change') continue;
    helpers.set(f.name, [...(helpers.get(f.name) ?? []), f]);
  }
  const seen = new Set<string>();
  const collect = (t: Term, depth: number) => {
    switch (t.t) {
      case 'alias':
        add(t.v, null, t.line);
        break;
      case 'tuple': {
        const head = t.items[0];
        if (head?.t === 'alias') add(head.v, t.items[1] ?? null, t.line);
        break;
      }
      case 'list':
        for (const i of t.items) collect(i, depth);
        break;
      case 'op':
        collect(t.left, depth);
        collect(t.right, depth);
        break;
      case 'call': {
        const clauses = helpers.get(t.name);
        if (clauses && depth < 2 && !seen.has(t.name)) {
          seen.add(t.name);
          for (const h of clauses) for (const b of h.body) collect(toTerm(b, ctx), depth + 1);
        }
        if (t.name === 'Supervisor.child_spec' && t.args[0]) collect(t.args[0], depth);
        for (const a of t.args) {
          if (a.t === 'list' || a.t === 'call' || a.t === 'op') collect(a, depth);
          // A child handed to a function of the module that decides whether to start it
          // (`configure_mode_dependent_process({Oban, opts}, :api)`).
          // Also a child a branch returns: `if topologies do {Cluster.Supervisor, …} end`.
          else if ((clauses || /^__(do_block|else_block|block|body)__$/.test(t.name)) && (a.t === 'tuple' || a.t === 'alias')) collect(a, depth);
          // `if cond, do: [...], else: [...]`
          else if (a.t === 'kw') for (const p of a.pairs) if (p.key === 'do' || p.key === 'else') collect(p.value, depth);
        }
        break;
      }
      default:
        break;
    }
  };
  const add = (module: string, opts: Term | null, line: number) => {
    if (module === 'Supervisor' || module.startsWith('Supervisor.')) return;
    children.push({ module, opts: opts ? withConstants(opts, constants) : null, evidence: { file, line } });
  };
  // `defp pubsub_adapter, do: Realtime.GenRpcPubSub`: a zero-arity function of the module returning a constant.
  const constants = new Map<string, Term>();
  for (const f of fns) {
    const only = f.params.length === 0 && f.body.length === 1 ? toTerm(f.body[0]!, newContext()) : null;
    if (only && (only.t === 'alias' || only.t === 'atom' || only.t === 'string' || only.t === 'int') && !constants.has(f.name)) constants.set(f.name, only);
  }
  for (const fn of start) {
    for (const stmt of fn.body) {
      const t = toTerm(stmt, ctx);
      // children = [...] assignments and Supervisor.start_link(children, opts) both reach here; a
      // variable bound here (`port = Application.get_env(:app, :port)`) is its value in later children.
      if (t.t === 'op' && t.op === '=') {
        if (t.left.t === 'var') ctx.vars.set(t.left.name, t.right);
        collect(t.right, 0);
      }
      else collect(t, 0);
    }
  }
  const dedup = new Map<string, Child>();
  for (const c of children) if (!dedup.has(`${c.module}:${c.evidence.line}`)) dedup.set(`${c.module}:${c.evidence.line}`, c);
  return { module: mod.name, file, otpApp, children: [...dedup.values()], evidence: { file, line: mod.line } };
}

/** Option values that call a constant function of the module (`adapter: pubsub_adapter()`), replaced by the constant. */
function withConstants(t: Term, constants: ReadonlyMap<string, Term>): Term {
  if (constants.size === 0 || t.t !== 'kw') return t;
  return { ...t, pairs: t.pairs.map((p) => (p.value.t === 'call' && p.value.args.length === 0 && constants.has(p.value.name) ? { ...p, value: constants.get(p.value.name)! } : p)) };
}

export const applicationExtractor: ModuleExtractor<ApplicationInfo> = {
  id: 'application',
  markers: ['use Application'],
  matches: (mod) => isApplicationModule(mod),
  extract: (mod, ctx) => extractApplication(mod, ctx.file, ctx.otpApp),
};

/**
 * Shared questions rules ask of a profile (which endpoint, its prod config, the browser pipelines…),
 * answered once here so every rule reads the project the same way.
 */
import { allSets, type SetValue } from '../scan/config-query.js';
import type { Evidence, Pipeline, Profile } from '../scan/profile.js';
import type * as P from '../scan/profile.js';
import * as T from '../scan/term.js';
import { dockerEnvPairs } from '../scan/extract/deploy-files.js';
import { finalStageInstructions as finalStageOf, prodDockerfiles } from '../facts/dockerfile.js';
import { hasDep as hasDepOf } from '../facts/project.js';
import { endpointApp, routerOf } from '../facts/web.js';
import { isSecretName as isDeploySecretName } from '../facts/secret-name.js';

export { endpointApp, endpointOf, endpointSetting, routerOf } from '../facts/web.js';

export function endpointSettings(p: Profile, path: string[]): SetValue[] {
  const mod = p.web.endpointModule;
  return mod ? allSets(p.facts, 'prod', endpointApp(p), mod, path) : [];
}

/** Pipelines that serve HTML (accept "html" or fetch a session with flash). */
export function htmlPipelines(p: Profile): Pipeline[] {
  const r = routerOf(p);
  if (!r) return [];
  return r.pipelines.filter((pl) =>
    pl.plugs.some((pg) => {
      if (pg.name !== 'accepts' || !pg.opts) return false;
      return T.stringList(pg.opts)?.includes('html') ?? false;
    }),
  );
}

/** Parses "file:line" from the profile's evidence map. */
export function evidenceFor(p: Profile, key: string): Evidence | null {
  const s = p.evidence[key];
  if (!s) return null;
  const i = s.lastIndexOf(':');
  return { file: s.slice(0, i), line: Number(s.slice(i + 1)) };
}

/** A file in the profile's config set, e.g. 'config/prod.exs' under the project path. */
export function configFile(p: Profile, base: string): string | null {
  return p.facts.configFiles.find((f) => f.file.endsWith(`/${base}`) || f.file === base)?.file ?? null;
}

/** Where to point a finding about the whole app when nothing more precise exists. */
export function projectEvidence(p: Profile): Evidence {
  const web = p.facts.projects.find((x) => x.path === p.web.path) ?? p.facts.projects[0];
  return web ? web.evidence : { file: 'mix.exs', line: 1 };
}

export function hasDep(p: Profile, name: string, prodOnly = true): boolean {
  return hasDepOf(p, name, { prodOnly });
}

export function usesEcto(p: Profile): boolean {
  return p.database !== 'none';
}

// ---------------------------------------------------------------------------------------------
// Runtime config, secrets and releases (shared by the runtime-config / secrets / releases rules)
// ---------------------------------------------------------------------------------------------
// Namespaced imports so appends by other rule authors cannot collide with these bindings.

/** A config call that takes effect in prod: config.exs (+ imports), prod.exs, prod.secret.exs, runtime.exs outside dev/test branches. */
export function appliesInProd(c: P.ConfigCall): boolean {
  return c.env === 'all' || c.env === 'prod';
}

/**
 * Env var names that hold secrets: SECRET_KEY_BASE, DATABASE_URL, RELEASE_COOKIE, *_PASSWORD,
 * *_SECRET (and *_SECRET_*), *_TOKEN, *_KEY, *_DSN.
 */
export function isSecretEnvName(name: string): boolean {
  return isDeploySecretName(name);
}

export { ectoRepos } from '../facts/ecto-repos.js';

/** True when the term contains the atom anywhere (e.g. `:inet6` in `socket_options`). */
export function termHasAtom(term: T.Term | null | undefined, atom: string): boolean {
  if (!term) return false;
  switch (term.t) {
    case 'atom':
      return term.v === atom;
    case 'list':
    case 'tuple':
      return term.items.some((i) => termHasAtom(i, atom));
    case 'kw':
      return term.pairs.some((p) => termHasAtom(p.value, atom));
    case 'map':
      return term.pairs.some((p) => termHasAtom(p.key, atom) || termHasAtom(p.value, atom));
    case 'op':
      return termHasAtom(term.left, atom) || termHasAtom(term.right, atom);
    case 'call':
      return term.args.some((a) => termHasAtom(a, atom));
    case 'env':
      return termHasAtom(term.default, atom);
    case 'sigil':
    case 'expr':
      return new RegExp(`(^|[^\\w]):${atom}\\b`).test(term.t === 'sigil' ? term.v : term.text);
    default:
      return false;
  }
}

export interface KwPairAt {
  /** Keys from the config call's opts down to this pair, e.g. ['http', 'ip']. */
  path: string[];
  key: string;
  value: T.Term;
  line: number;
}

/** Every keyword pair (and atom/string-keyed map pair) inside a term, depth first. */
export function kwPairsDeep(term: T.Term | null | undefined, path: string[] = [], out: KwPairAt[] = []): KwPairAt[] {
  if (!term) return out;
  if (term.t === 'kw') {
    for (const p of term.pairs) {
      out.push({ path: [...path, p.key], key: p.key, value: p.value, line: p.line });
      kwPairsDeep(p.value, [...path, p.key], out);
    }
  } else if (term.t === 'map') {
    for (const p of term.pairs) {
      const k = p.key.t === 'atom' || (p.key.t === 'string' && !p.key.interpolated) ? p.key.v : null;
      if (k === null) continue;
      out.push({ path: [...path, k], key: k, value: p.value, line: p.line });
      kwPairsDeep(p.value, [...path, k], out);
    }
  } else if (term.t === 'list' || term.t === 'tuple') {
    for (const i of term.items) kwPairsDeep(i, path, out);
  }
  return out;
}

/** A non-empty literal string (not interpolated): what a hard-coded secret looks like in config. */
export function isLiteralString(term: T.Term | null | undefined): boolean {
  return !!term && term.t === 'string' && !term.interpolated && term.v.length > 0;
}

/** The first unconditional prod set of the same app/key/path after `after` (it replaces that call's value), or null. */
export function laterUnconditionalSet(p: Profile, app: string, key: string | null, path: string[], after: P.ConfigCall): SetValue | null {
  const sets = allSets(p.facts, 'prod', app, key, path);
  const i = sets.findIndex((s) => s.call === after);
  if (i < 0) return null;
  return sets.slice(i + 1).find((s) => !s.call.conditional) ?? null;
}

export { prodDockerfiles } from '../facts/dockerfile.js';

/** Instructions that shape a Dockerfile's last stage (the image that runs), including the stages it is built FROM. */
export function finalStageInstructions(d: P.DockerfileInfo): P.DockerInstruction[] {
  return finalStageOf(d)?.instructions ?? [];
}

export interface DeployEnvSet {
  /** Where it is set: a prod Dockerfile ENV, fly.toml [env], or rel/env.sh.eex. */
  source: 'dockerfile' | 'fly.toml' | 'env.sh.eex';
  value: string;
  evidence: P.Evidence;
}

/** Places the deploy files in the repo set an env var (values are returned for literal checks only; never print them). */
export function deployEnvSets(p: Profile, name: string): DeployEnvSet[] {
  const out: DeployEnvSet[] = [];
  for (const d of prodDockerfiles(p)) {
    for (const i of d.instructions) {
      if (i.keyword !== 'ENV') continue;
      const env = dockerEnvPairs(i.args);
      if (name in env) out.push({ source: 'dockerfile', value: env[name]!, evidence: { file: d.file, line: i.line } });
    }
  }
  for (const f of p.facts.flyTomls) {
    const env = f.data?.env;
    if (env && typeof env === 'object' && name in env) {
      out.push({ source: 'fly.toml', value: String((env as Record<string, unknown>)[name]), evidence: { file: f.file, line: f.lines[`env.${name}`] ?? f.lines.env ?? 1 } });
    }
  }
  const tpl = p.facts.relEnvTemplate;
  if (tpl) {
    tpl.text.split(/\r?\n/).forEach((raw, i) => {
      const m = new RegExp(`^\\s*(?:export\\s+)?${name}=(.*)$`).exec(raw);
      if (m) out.push({ source: 'env.sh.eex', value: m[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'), evidence: { file: tpl.file, line: i + 1 } });
    });
  }
  return out;
}

/**
 * The prod Dockerfile that starts the app through Mix (`mix phx.server`, `mix run`) instead of a
 * release, or null. There config/*.exs is evaluated at every boot, so build-time concerns do not apply.
 */
export function mixStartedDockerfile(p: Profile): P.Evidence | null {
  for (const d of prodDockerfiles(p)) {
    if (d.instructions.some((i) => i.keyword === 'RUN' && /\bmix(\s+\S+)*\s+release\b/.test(i.args))) continue;
    const start = finalStageInstructions(d).filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const mix = start.find((i) => /\bmix\b.*\b(phx\.server|run)\b/.test(i.args.replace(/["',[\]]/g, ' ')));
    if (mix) return { file: d.file, line: mix.line };
  }
  return null;
}

/**
 * Keys that hold credentials: *password, *secret, *api_key, *token, *private_key, *access_key…
 * Matched on the last word(s) of the key so `password_reset_url`, `token_ttl`, `secret_key_base`
 * (its own rule) and salts (`signing_salt`, `encryption_salt`: not secrets) are left alone.
 */
const SECRET_CONFIG_KEY_RE = /(^|_)(password|passwd|pass|secret|client_secret|secret_key|api_key|apikey|api_token|token|access_token|auth_token|refresh_token|private_key|access_key|secret_access_key|webhook_secret|signing_secret|license_key)$/i;
const NOT_SECRET_CONFIG_KEY_RE = /^(secret_key_base|signing_salt|encryption_salt|salt)$|_salt$/i;

export function isSecretConfigKey(key: string): boolean {
  return SECRET_CONFIG_KEY_RE.test(key) && !NOT_SECRET_CONFIG_KEY_RE.test(key);
}

// ---------------------------------------------------------------------------------------------
// Web security, networking, rate limiting, clustering (shared by those rules)
// ---------------------------------------------------------------------------------------------

/**
 * The text of a string built only from literals: `"a"`, `"a" <> "b"`, `Enum.join(["a", "b"], "; ")`
 * (also piped). Null when any part is interpolated or computed at runtime.
 */
export function literalText(term: T.Term | null | undefined): string | null {
  if (!term) return null;
  if (term.t === 'string') return term.interpolated ? null : term.v;
  if (term.t === 'op' && term.op === '<>') {
    const l = literalText(term.left);
    const r = literalText(term.right);
    return l !== null && r !== null ? l + r : null;
  }
  const join = (list: T.Term | undefined, sep: T.Term | undefined): string | null => {
    if (!list || list.t !== 'list') return null;
    const parts = list.items.map(literalText);
    if (parts.some((x) => x === null)) return null;
    const s = sep ? literalText(sep) : '';
    return s === null ? null : parts.join(s);
  };
  if (term.t === 'call' && term.name === 'Enum.join') return join(term.args[0], term.args[1]);
  if (term.t === 'op' && term.op === '|>' && term.right.t === 'call' && term.right.name === 'Enum.join') return join(term.left, term.right.args[0]);
  return null;
}

/** An integer built from literals (`8_000_000`, `100 * 1024 * 1024`), or null. */
export function literalInt(term: T.Term | null | undefined): number | null {
  if (!term) return null;
  if (term.t === 'int') return term.v;
  if (term.t === 'op' && ['*', '+', '-'].includes(term.op)) {
    const l = literalInt(term.left);
    const r = literalInt(term.right);
    if (l === null || r === null) return null;
    return term.op === '*' ? l * r : term.op === '+' ? l + r : l - r;
  }
  return null;
}

/** What a `put_secure_browser_headers` plug says about the CSP: none set, a readable literal policy, or one built at runtime. */
export type SecureHeadersCsp = { kind: 'none' } | { kind: 'literal'; policy: string; line: number } | { kind: 'dynamic' };

export function secureHeadersCsp(plug: P.PlugRef): SecureHeadersCsp {
  const o = plug.opts;
  if (!o) return { kind: 'none' };
  if (o.t !== 'map') return o.t === 'kw' || (o.t === 'list' && o.items.length === 0) ? { kind: 'none' } : { kind: 'dynamic' };
  const pair = o.pairs.find((p) => T.literal(p.key)?.toLowerCase() === 'content-security-policy');
  if (!pair) return { kind: 'none' };
  const policy = literalText(pair.value);
  return policy === null ? { kind: 'dynamic' } : { kind: 'literal', policy, line: pair.line };
}

/** A CSP header value as directive → source list (names and keywords lowercased; the first occurrence of a directive wins, as in browsers). */
export function parseCspPolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!out.has(key)) out.set(key, sources);
  }
  return out;
}

/** True for a plug that sets a CSP itself (a module named like ContentSecurityPolicy/CSP). */
export function isCspPlugName(name: string): boolean {
  return /csp|content_?security/i.test(name);
}

/** The router pipelines a route goes through, in order (unknown names skipped). */
export function routePipelines(p: Profile, route: P.Route): Pipeline[] {
  const r = routerOf(p);
  if (!r) return [];
  return route.pipelines.map((n) => r.pipelines.find((pl) => pl.name === n)).filter((x): x is Pipeline => !!x);
}

/** Routes of the main router that are served in prod. */
export function prodRoutes(p: Profile): P.Route[] {
  return (routerOf(p)?.routes ?? []).filter((r) => !r.devOnly);
}

/** A pipeline's `plug :accepts, [...]` includes "html". */
export function acceptsHtml(pl: Pipeline): boolean {
  return pl.plugs.some((pg) => pg.name === 'accepts' && pg.opts?.t === 'list' && pg.opts.items.some((i) => i.t === 'string' && i.v === 'html'));
}

/** Health-check paths configured in fly.toml (`[[http_service.checks]]`, `[checks.*]`, `[[services.http_checks]]`). */
export function flyCheckPaths(p: Profile): { path: string; evidence: Evidence }[] {
  const out: { path: string; evidence: Evidence }[] = [];
  for (const f of p.facts.flyTomls) {
    const d = f.data;
    if (!d) continue;
    const add = (c: unknown, key: string) => {
      if (c && typeof c === 'object' && typeof (c as Record<string, unknown>).path === 'string') {
        out.push({ path: (c as Record<string, string>).path!, evidence: { file: f.file, line: f.lines[`${key}.path`] ?? f.lines[key] ?? 1 } });
      }
    };
    const hs = d.http_service as Record<string, unknown> | undefined;
    if (Array.isArray(hs?.checks)) hs.checks.forEach((c, i) => add(c, `http_service.checks.${i}`));
    const checks = d.checks as Record<string, unknown> | undefined;
    if (checks && typeof checks === 'object') for (const [k, c] of Object.entries(checks)) add(c, `checks.${k}`);
    if (Array.isArray(d.services)) {
      d.services.forEach((s: unknown, i: number) => {
        const hc = (s as Record<string, unknown>)?.http_checks;
        if (Array.isArray(hc)) hc.forEach((c, j) => add(c, `services.${i}.http_checks.${j}`));
      });
    }
  }
  return out;
}

/** True when some prod route goes through the pipeline (or when the router lists no routes at all, so nothing can be told). */
export function pipelineInUse(p: Profile, pl: Pipeline): boolean {
  const routes = prodRoutes(p);
  return routes.length === 0 || routes.some((r) => r.pipelines.includes(pl.name));
}

// ---------------------------------------------------------------------------------------------
// Fly.io (shared by the fly rules)
// ---------------------------------------------------------------------------------------------

export interface FlyService {
  /** `[http_service]` or one `[[services]]` entry. */
  kind: 'http_service' | 'services';
  /** Dotted key of the table in `FlyTomlInfo.lines`: 'http_service' or 'services.0'. */
  key: string;
  /** How to name it in a message: `[http_service]`, `[[services]] #1`. */
  label: string;
  data: Record<string, unknown>;
  /** Line of the table header (or of the file's first line when unknown). */
  line: number;
}

/** The services of a fly.toml that receive traffic: `[http_service]` and each `[[services]]` entry. */
export function flyServices(f: P.FlyTomlInfo): FlyService[] {
  const d = f.data;
  if (!d) return [];
  const out: FlyService[] = [];
  const hs = d.http_service;
  if (hs && typeof hs === 'object' && !Array.isArray(hs)) {
    out.push({ kind: 'http_service', key: 'http_service', label: '[http_service]', data: hs as Record<string, unknown>, line: f.lines.http_service ?? 1 });
  }
  if (Array.isArray(d.services)) {
    d.services.forEach((s: unknown, i: number) => {
      if (s && typeof s === 'object') {
        out.push({ kind: 'services', key: `services.${i}`, label: d.services && (d.services as unknown[]).length > 1 ? `[[services]] #${i + 1}` : '[[services]]', data: s as Record<string, unknown>, line: f.lines[`services.${i}`] ?? f.lines.services ?? 1 });
      }
    });
  }
  return out;
}

/** Line of a key inside a fly.toml service (`internal_port` of 'services.0'), else the table's line. */
export function flyServiceLine(f: P.FlyTomlInfo, s: FlyService, key: string): number {
  return f.lines[`${s.key}.${key}`] ?? s.line;
}
